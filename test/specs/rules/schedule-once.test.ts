// The once-only activation checks of rule `schedule`, and the key spellings rule `literal-secret` catches.
import { edit, locate, specSet, validateFiles } from '../fixtures';

const codesAt = (files: ReturnType<typeof specSet>) => validateFiles(files).diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);

describe('rule schedule: activations with frequency once', () => {
  test('once with a startDate and a scheduled trigger is fine', () => {
    expect(codesAt(specSet(edit('activations.yaml', 'frequency: daily', 'frequency: once')))).toEqual([]);
  });

  test('once without a startDate is an error at frequency', () => {
    const files = specSet(edit('activations.yaml', '    frequency: daily\n    startDate: "2026-01-05"\n    endDate: "2026-12-31"\n', '    frequency: once\n'));
    const p = locate(files, 'activations.yaml', 'frequency: once', 'once');
    expect(codesAt(files)).toEqual([`schedule activations.yaml:${p.line}:${p.column} frequency "once" needs a startDate: the day (UTC) the one export runs`]);
  });

  test('once with trigger after-segmentation is an error at trigger', () => {
    const files = specSet(edit('activations.yaml', '    frequency: daily\n', '    frequency: once\n    trigger: after-segmentation\n'));
    const p = locate(files, 'activations.yaml', 'trigger: after-segmentation', 'after-segmentation');
    expect(codesAt(files)).toEqual([expect.stringMatching(new RegExp(`^schedule activations.yaml:${p.line}:${p.column} frequency "once" with trigger "after-segmentation" has no meaning`))]);
  });
});

describe('rule literal-secret: key spellings', () => {
  test.each([
    ['camelCase in metadata labels', 'dbPassword: hunter2'],
    ['kebab-case', 'sftp-password: hunter2xyz'],
    ['snake_case token', 'api_token: abc123'],
    ['an API key', 'apiKey: abc123'],
  ])('%s', (_n, entry) => {
    const files = specSet(edit('activations.yaml', 'metadata:\n  name: affluent-to-match\n', `metadata:\n  name: affluent-to-match\n  labels: {team: growth, ${entry}}\n`));
    expect(codesAt(files)).toEqual([expect.stringMatching(/^literal-secret activations\.yaml:\d+:\d+ "[^"]+" holds a literal secret/)]);
  });

  test('keys that name a secret are not secrets', () => {
    const files = specSet(edit('activations.yaml', 'metadata:\n  name: affluent-to-match\n', 'metadata:\n  name: affluent-to-match\n  labels: {secretName: partner-sftp, tokenArn: "arn:aws:secretsmanager:x", hostKeyFingerprint: x}\n'));
    expect(codesAt(files)).toEqual([]);
  });
});
