// `prospect diff` end to end: a real git repository built from the example, typical changes each
// in its own commit, real validation and real synthesis of both revisions.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bufferIo } from '../../../cli/io';
import { main } from '../../../cli/main';
import { DiffResult, runDiff } from '../../../review/diff/diff-command';
import { synthesizeEnvironment } from '../../../review/diff/synthesize';
import type { ChangeReport } from '../../../review/report';
import { memoized, TestRepo } from './git-fixture';

const synthesize = memoized(synthesizeEnvironment);
let repo: TestRepo;
const commits: Record<string, string> = {};

beforeAll(() => {
  repo = TestRepo.fromExample();
  commits.base = repo.git('rev-parse', 'HEAD').trim();

  repo.edit(
    'audiences.yaml',
    /$/,
    '---\napiVersion: prospect/v1\nkind: Audience\nmetadata:\n  name: golf-seniors\nspec:\n  dataset: acme-prospects\n  rule: age >= 56 and interests contains "golf"\n  schedule: "0 7 * * *"\n',
  );
  commits.addAudience = repo.commit('add an audience');

  repo.edit('dataset.yaml', 'afterDays: 90', 'afterDays: 60');
  commits.shortenExpiration = repo.commit('shorten the expiration');

  repo.edit('governance.yaml', /(name: no-direct-identifiers-in-matching[\s\S]*?)marketingActions: \[segmentMatch, crossSiteTargeting\]/, '$1marketingActions: [segmentMatch]');
  commits.loosenPolicy = repo.commit('loosen a policy');

  repo.edit('sources.yaml', 'name: acme-s3-drop', 'name: acme-s3-daily');
  repo.edit('environments.yaml', 'acme-s3-drop: {errorThreshold: 5}', 'acme-s3-daily: {errorThreshold: 5}');
  commits.renameSource = repo.commit('rename a source');

  // The dataset and everything that depends on it: sources, audiences, activations, overrides.
  for (const f of ['dataset.yaml', 'sources.yaml', 'audiences.yaml', 'activations.yaml']) fs.rmSync(path.join(repo.specDir, f));
  repo.edit('environments.yaml', /  overrides:\n    Dataset:\n      acme-prospects:\n        expiration: \{afterDays: 30\}\n    Audience:\n(      .*\n){3}/, '');
  repo.edit('environments.yaml', /  overrides:\n    Source:\n      # Production[^\n]*\n      acme-s3-daily: \{errorThreshold: 5\}\n    Audience:\n      # Segment[^\n]*\n      homeowners-with-email: \{schedule: "0 9 \* \* \*"\}\n/, '');
  repo.edit('environments.yaml', /  overrides:\n    Source:\n      acme-sftp-weekly:\n        sftp: \{host: localhost, port: 2222\}\n/, '  overrides:\n');
  commits.removeDataset = repo.commit('remove the dataset and what depends on it');
});
afterAll(() => repo.dispose());

async function diff(base: string, head: string | undefined, format: 'markdown' | 'json' | 'text' = 'json', env?: string): Promise<DiffResult> {
  return runDiff({ dir: repo.specDir, base, head, env, format, synthesize });
}

async function report(base: string, head?: string, env?: string): Promise<ChangeReport> {
  const r = await diff(base, head, 'json', env);
  expect(r).toMatchObject({ exitCode: 0, errors: '' });
  return r.report as ChangeReport;
}

const docs = (r: ChangeReport) => (r.specChanges ?? []).map((d) => `${d.change} ${d.kind}/${d.name}`);
const acted = (r: ChangeReport, action: string) => r.resources.filter((x) => x.action === action).map((x) => x.address);
const risks = (r: ChangeReport) => r.risks.map((x) => `${x.severity} ${x.category} ${x.document ?? x.address}: ${x.message}`);

describe('prospect diff over typical changes', () => {
  test('adding an audience: one added document, its schedules created in dev and prod, no risk', async () => {
    const r = await report(commits.base, commits.addAudience);
    expect(r.origin).toEqual({ kind: 'spec-diff', base: `${commits.base} (${commits.base.slice(0, 12)})`, head: `${commits.addAudience} (${commits.addAudience.slice(0, 12)})` });
    expect(r.title).toBe('Spec diff (dev, prod)');
    expect(docs(r)).toEqual(['added Audience/golf-seniors']);
    expect(acted(r, 'create')).toEqual([
      expect.stringMatching(/^dev:aws_scheduler_schedule\.Audience-golf-seniors_Schedule_[0-9A-F]{8}$/),
      expect.stringMatching(/^prod:aws_scheduler_schedule\.Audience-golf-seniors_Schedule_[0-9A-F]{8}$/),
    ]);
    expect(acted(r, 'delete')).toEqual([]);
    expect(acted(r, 'replace')).toEqual([]);
    expect(r.risks.filter((x) => x.category !== 'iam')).toEqual([]);
    // The runtime manifest that the handlers read names the new audience.
    const manifest = r.resources.find((x) => x.address === 'dev:aws_s3_object.RuntimeManifest');
    expect(manifest?.attributes.map((a) => a.path)).toContain('content.audiences.golf-seniors.rule');
  });

  test('shortening an expiration: a data-loss risk first, prod lifecycle rules shortened, dev (its own override) untouched', async () => {
    const r = await report(commits.addAudience, commits.shortenExpiration);
    expect(docs(r)).toEqual(['changed Dataset/acme-prospects']);
    expect(r.specChanges?.[0].fields).toEqual([{ path: 'spec.expiration.afterDays', before: { kind: 'value', value: 90 }, after: { kind: 'value', value: 60 } }]);
    expect(risks(r)[0]).toBe(
      'high data-loss Dataset/acme-prospects: expiration shortened from 90 to 60 days: records and rejected rows older than 60 days are deleted at the next lifecycle run',
    );
    expect(risks(r)).toContainEqual(expect.stringMatching(/^high data-loss prod:aws_s3_bucket_lifecycle_configuration\.Bucket-lake_Lifecycle_[0-9A-F]+: shortens 3 S3 expirations \(rule\["id=audience-snapshots"\]\.expiration\[0\]\.days, rule\["id=dataset-acme-prospects"\]\.expiration\[0\]\.days, rule\["id=dataset-acme-prospects-rejected"\]\.expiration\[0\]\.days\) from 90 to 60 days/));
    expect(acted(r, 'update').filter((a) => a.startsWith('dev:') && !a.includes('RuntimeManifest'))).toEqual([]);
    expect(r.counts).toMatchObject({ create: 0, delete: 0, replace: 0 });

    const md = (await diff(commits.addAudience, commits.shortenExpiration, 'markdown')).output;
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/^\*\*Spec diff \(dev, prod\):\*\* 0 to create, \d+ to update, 0 to replace, 0 to destroy; \d+ unchanged$/);
    expect(lines[2]).toMatch(/^### Risks \(\d+\)$/);
    expect(lines[4]).toBe(
      '- **high** · data-loss · <code>Dataset/acme-prospects</code>: expiration shortened from 90 to 60 days: records and rejected rows older than 60 days are deleted at the next lifecycle run',
    );
    expect(md.indexOf('### Risks')).toBeLessThan(md.indexOf('### Resource changes'));
    expect(md.indexOf('### Resource changes')).toBeLessThan(md.indexOf('### Spec changes'));
    expect(md).toContain(`<sub>prospect diff · ${commits.addAudience} (${commits.addAudience.slice(0, 12)})..${commits.shortenExpiration} (${commits.shortenExpiration.slice(0, 12)})</sub>`);
  });

  test('loosening a policy: a governance risk, and only the runtime manifest changes', async () => {
    const r = await report(commits.shortenExpiration, commits.loosenPolicy);
    expect(docs(r)).toEqual(['changed Policy/no-direct-identifiers-in-matching']);
    expect(risks(r)).toEqual(['high governance Policy/no-direct-identifiers-in-matching: policy loosened: no longer applies to marketing action crossSiteTargeting']);
    expect(acted(r, 'update')).toEqual(['dev:aws_s3_object.RuntimeManifest', 'prod:aws_s3_object.RuntimeManifest']);
  });

  test('renaming a source: removed plus added, a possible rename, its resources destroyed and created, its landing prefix moving', async () => {
    const r = await report(commits.loosenPolicy, commits.renameSource);
    expect(docs(r)).toEqual(['added Source/acme-s3-daily', 'removed Source/acme-s3-drop', 'changed Environment/prod']);
    expect(r.notes).toContain('Source acme-s3-drop was removed and Source acme-s3-daily added with otherwise equal content: possible rename (its resources are destroyed and created again).');
    expect(risks(r)[0]).toBe(
      'high data-loss Source/acme-s3-drop: source removed: partner files are no longer ingested into dataset acme-prospects, its landing trigger goes (renamed to acme-s3-daily? its resources are destroyed and created again under the new name, and its landing prefix moves from sources/acme-s3-drop/ to sources/acme-s3-daily/: the partner must write there)',
    );
    const deleted = acted(r, 'delete');
    const created = acted(r, 'create');
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((a) => a.includes('Source-acme-s3-drop_'))).toBe(true);
    expect(created.every((a) => a.includes('Source-acme-s3-daily_'))).toBe(true);
    expect(created.length).toBe(deleted.length);
    // The prod override followed the rename: no change of the effective error threshold.
    expect(r.specChanges?.find((d) => d.kind === 'Environment')?.fields.map((f) => f.path)).toEqual(['spec.overrides.Source.acme-s3-daily.errorThreshold', 'spec.overrides.Source.acme-s3-drop.errorThreshold']);
  });

  test('removing the dataset and what depends on it: data loss of its prefix and table, before everything else', async () => {
    const r = await report(commits.renameSource, commits.removeDataset);
    expect(docs(r)).toEqual([
      'removed Dataset/acme-prospects',
      'removed Source/acme-s3-daily',
      'removed Source/acme-sftp-weekly',
      'removed Audience/golf-enthusiasts-30-55',
      'removed Audience/golf-seniors',
      'removed Audience/homeowners-with-email',
      'removed Audience/west-coast-affluent',
      'removed Activation/acme-match-daily',
      'removed Activation/golf-to-media-partner',
      'changed Environment/dev',
      'changed Environment/local',
      'changed Environment/prod',
    ]);
    expect(risks(r)).toContain(
      'high data-loss Dataset/acme-prospects: dataset removed: its prefix datasets/third-party/acme-prospects/ and Glue table third_party_acme_prospects go, with every record in them',
    );
    expect(risks(r)).toContainEqual(expect.stringMatching(/^high data-loss dev:aws_glue_catalog_table\.Dataset-acme-prospects_Table_[0-9A-F]+: destroys a Glue catalog table and its table definition and partitions$/));
    expect(risks(r)).toContainEqual(expect.stringMatching(/^medium data-loss Source\/acme-sftp-weekly: source removed/));
    expect(r.risks.findIndex((x) => x.severity === 'medium')).toBeGreaterThan(r.risks.findLastIndex((x) => x.severity === 'high'));
    expect(acted(r, 'delete')).toEqual(expect.arrayContaining([expect.stringMatching(/^prod:aws_glue_catalog_table\.Dataset-acme-prospects_Table_/)]));
    expect(acted(r, 'create')).toEqual([]);
  });

  test('the head defaults to the working tree, uncommitted changes included', async () => {
    repo.edit('governance.yaml', /(name: no-third-party-onsite[\s\S]*?)enabled: true/, '$1enabled: false');
    try {
      const r = await report(commits.removeDataset);
      expect(r.origin).toMatchObject({ head: 'working tree' });
      expect(docs(r)).toEqual(['changed Policy/no-third-party-onsite']);
      expect(risks(r)).toEqual(['high governance Policy/no-third-party-onsite: policy disabled: THIRD_PARTY for onsitePersonalization, onsiteAdvertising is no longer denied']);
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  test('--env compares one environment, with plain Terraform addresses', async () => {
    const r = await report(commits.addAudience, commits.shortenExpiration, 'prod');
    expect(r.title).toBe('Spec diff (prod)');
    expect(r.origin).toMatchObject({ env: 'prod' });
    expect(r.resources.every((x) => x.address.startsWith('aws_'))).toBe(true);
    expect(acted(r, 'update')).toContainEqual(expect.stringMatching(/^aws_s3_bucket_lifecycle_configuration\.Bucket-lake_Lifecycle_/));
  });

  test('--env with a local environment shows spec changes only, and says why', async () => {
    const r = await report(commits.addAudience, commits.shortenExpiration, 'local');
    expect(r.resources).toEqual([]);
    expect(r.notes).toEqual(['Environment local has runtime local: it has no stack, so only spec changes are shown.']);
    expect(docs(r)).toEqual(['changed Dataset/acme-prospects']);
  });

  test('a spec folder that is new at the head: everything is added, and with --env every resource is created', async () => {
    const fresh = TestRepo.fromExample();
    try {
      fresh.git('mv', 'specs', 'prospecting');
      const sha = fresh.commit('move');
      const r = await runDiff({ dir: path.join(fresh.root, 'prospecting'), base: `${sha}~1`, head: sha, env: 'dev', format: 'json', synthesize });
      const rep = r.report as ChangeReport;
      expect(rep.notes[0]).toBe(`${path.join(fresh.root, 'prospecting')} does not exist at ${sha}~1 (${fresh.git('rev-parse', `${sha}~1`).trim().slice(0, 12)}): every document is new.`);
      expect(rep.notes).toContain('Environment dev is new: every resource of its stack is created.');
      expect(rep.specChanges?.every((d) => d.change === 'added')).toBe(true);
      expect(rep.counts.create).toBe(rep.resources.length);
      expect(rep.counts.create).toBeGreaterThan(50);
    } finally {
      fresh.dispose();
    }
  });
});

describe('prospect diff errors', () => {
  test('an invalid head prints its diagnostics and exits 1', async () => {
    repo.edit('governance.yaml', 'code: PARTNER_LICENSED', 'code: partner licensed');
    try {
      const r = await diff(commits.removeDataset, undefined, 'markdown');
      expect(r.exitCode).toBe(1);
      expect(r.output).toBe('');
      const lines = r.errors.trim().split('\n');
      expect(lines[0]).toBe('prospect diff: the spec set is invalid at head (working tree); fix it, or compare other revisions:');
      expect(lines[1]).toMatch(/^governance\.yaml:\d+:\d+  error  /);
      const json = JSON.parse((await diff(commits.removeDataset, undefined, 'json')).errors);
      expect(json.invalid[0]).toMatchObject({ side: 'head', revision: 'working tree', diagnostics: expect.arrayContaining([expect.objectContaining({ file: 'governance.yaml', severity: 'error' })]) });
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  test('an invalid base is reported as the base', async () => {
    repo.edit('governance.yaml', 'enabled: false', 'enabled: no-thanks');
    const broken = repo.commit('broken');
    try {
      const r = await diff(broken, commits.loosenPolicy, 'text');
      expect(r.exitCode).toBe(1);
      expect(r.errors).toMatch(new RegExp(`^prospect diff: the spec set is invalid at base \\(${broken} \\(${broken.slice(0, 12)}\\)\\)`));
      expect(r.errors).toMatch(/\ngovernance\.yaml:\d+:\d+  error  /);
      expect(r.errors).not.toContain('invalid at head');
    } finally {
      repo.git('reset', '-q', '--hard', commits.removeDataset);
    }
  });

  test('a synthesis failure is one line and exit 1', async () => {
    const r = await runDiff({ dir: repo.specDir, base: commits.base, head: commits.addAudience, env: 'dev', format: 'text', synthesize: async () => { throw new Error('boom'); } });
    expect(r).toEqual({ output: '', errors: 'prospect diff: cannot synthesize environment dev: boom\n', exitCode: 1 });
  });

  test.each([
    [['--base', 'no-such-ref'], 'prospect: unknown git revision "no-such-ref"'],
    [['--base', 'HEAD', '--env', 'staging'], 'prospect: environment "staging" is not declared at base or head (declared: dev, local, prod)'],
    [['--base', 'HEAD', '--format', 'html'], 'prospect: --format must be one of markdown, json, text, got "html"'],
    [[], 'prospect: --base is required'],
  ])('bad usage %j exits 2 with one clear line', async (args, message) => {
    const io = bufferIo();
    expect(await main(['diff', repo.specDir, ...args], io)).toBe(2);
    expect(io.stderr.split('\n')[0]).toBe(message);
    expect(io.stdout).toBe('');
  });

  test('a folder outside git exits 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-nogit-'));
    try {
      const io = bufferIo();
      expect(await main(['diff', dir, '--base', 'main'], io)).toBe(2);
      expect(io.stderr).toBe(`prospect: ${dir} is not inside a git repository; prospect diff reads the spec set at --base from git\n`);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  test('the command line prints the report on stdout with exit 0', async () => {
    const io = bufferIo();
    expect(await main(['diff', repo.specDir, '--base', commits.shortenExpiration, '--head', commits.loosenPolicy, '--format', 'text', '--env', 'dev'], io)).toBe(0);
    expect(io.stdout.split('\n')[0]).toBe('Spec diff (dev): 0 to create, 1 to update, 0 to replace, 0 to destroy; ' + io.stdout.split('\n')[0].split('; ')[1]);
    expect(io.stdout).toContain('Risks (1):');
    expect(io.stderr).toBe('');
  });
});
