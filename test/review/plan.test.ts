import { parsePlan, PlanFormatError } from '../../review/plan';
import { ChangeCounts, ChangeReport, ResourceChange } from '../../review/report';
import { renderJson, renderMarkdown, renderText } from '../../review/render';
import { fixtureNames, markedSecrets, readFixture } from './fixtures';

const zero: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0, read: 0, noOp: 0, other: 0 };

/** Every fixture of shared/fixtures/terraform-plans, with what it holds. */
const VALID: Record<string, { counts: Partial<ChangeCounts>; formatVersion: string; secrets: boolean }> = {
  'aws-lambda-events-delete-update.json': { counts: { create: 5, update: 1, delete: 2, noOp: 7 }, formatVersion: '0.1', secrets: false },
  'empty.json': { counts: {}, formatVersion: '1.2', secrets: false },
  'local-file-delete.json': { counts: { delete: 2, noOp: 1 }, formatVersion: '1.2', secrets: true },
  'local-file-modify.json': { counts: { replace: 2, noOp: 1 }, formatVersion: '1.2', secrets: true },
  'no-changes.json': { counts: { noOp: 6 }, formatVersion: '0.1', secrets: false },
  'replace-tainted.json': { counts: { replace: 1 }, formatVersion: '1.2', secrets: false },
  'sensitive-values.json': { counts: { create: 7 }, formatVersion: '0.2', secrets: false },
};
const BROKEN = ['invalid-not-a-plan.json'];

function plan(resourceChanges: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} }, resource_changes: resourceChanges, ...extra });
}

function rc(address: string, change: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [type, name] = address.replace(/^data\./, '').split('.');
  return { address, mode: 'managed', type, name, change, ...extra };
}

function only(report: ChangeReport): ResourceChange {
  expect(report.resources).toHaveLength(1);
  return report.resources[0];
}

describe('parsePlan on the shared fixtures', () => {
  it('has a case for every fixture file, so a new fixture cannot go untested', () => {
    expect(fixtureNames()).toEqual([...Object.keys(VALID), ...BROKEN].sort());
  });

  it.each(Object.entries(VALID))('counts the changes of %s', (file, want) => {
    const report = parsePlan(readFixture(file), file);
    expect(report.counts).toEqual({ ...zero, ...want.counts });
    expect(report.origin).toMatchObject({ kind: 'terraform-plan', file, formatVersion: want.formatVersion });
    const addresses = report.resources.map((r) => r.address);
    expect(addresses).toEqual([...addresses].sort());
  });

  it.each(Object.keys(VALID))('never prints a value %s marks sensitive, in any format', (file) => {
    const text = readFixture(file);
    const secrets = markedSecrets(JSON.parse(text));
    if (VALID[file].secrets) expect(secrets.length).toBeGreaterThan(0);
    const report = parsePlan(text, file);
    for (const out of [renderMarkdown(report), renderText(report), renderJson(report)]) {
      for (const s of secrets) expect(out).not.toContain(s);
    }
  });

  it('masks the sensitive content of local_file.test on both sides of its replacement', () => {
    const r = parsePlan(readFixture('local-file-modify.json')).resources.find((x) => x.address === 'local_file.test')!;
    expect(r.attributes.find((a) => a.path === 'content')).toEqual({
      path: 'content',
      before: { kind: 'sensitive' },
      after: { kind: 'sensitive' },
      forcesReplacement: true,
    });
  });

  it('gives replacement reasons from action_reason and replace_paths', () => {
    const report = parsePlan(readFixture('local-file-modify.json'));
    const test3 = report.resources.find((r) => r.address === 'local_file.test3')!;
    expect(test3).toMatchObject({
      action: 'replace',
      replaceOrder: 'delete-first',
      replacePaths: ['content'],
      replaceReasons: ['the provider cannot update it in place', 'a change to content forces replacement'],
    });
    // content is not sensitive on test3: its old and new text are shown.
    expect(test3.attributes.find((a) => a.path === 'content')?.after).toEqual({
      kind: 'value',
      value: 'just a line\n  - just a line with hyphen\n    + just a line with plus sign\nnormal line\n  - line with hyphen\n    + line with plus sign\n',
    });
  });

  it('says a tainted resource is replaced because it is tainted', () => {
    const r = only(parsePlan(readFixture('replace-tainted.json')));
    expect(r.replaceReasons).toEqual(['the resource is tainted']);
    expect(r.attributes).toEqual([
      { path: 'id', before: { kind: 'value', value: '8868159889619753631' }, after: { kind: 'unknown' }, forcesReplacement: false },
    ]);
  });

  it('explains deletes with their action_reason', () => {
    const report = parsePlan(readFixture('local-file-delete.json'));
    expect(report.resources.filter((r) => r.action === 'delete').map((r) => r.reason)).toEqual([
      'its resource block is no longer in the configuration',
      'its resource block is no longer in the configuration',
    ]);
  });

  it('reads format 0.1 with drift entries that have no address', () => {
    const report = parsePlan(readFixture('aws-lambda-events-delete-update.json'));
    expect(report.drift).toHaveLength(15);
    expect(report.drift[0]).toEqual({ address: 'aws_cloudwatch_event_rule.Metricos_custom_alert_schedule_frequent', action: 'update' });
    const update = report.resources.find((r) => r.action === 'update')!;
    expect(update.attributes).toEqual([
      { path: 'arn', before: { kind: 'value', value: '' }, after: { kind: 'unknown' }, forcesReplacement: false },
    ]);
    const ssm = report.resources.find((r) => r.address === 'aws_ssm_parameter.lambda_sg_id')!;
    expect(ssm.attributes.find((a) => a.path === 'value')?.after).toEqual({ kind: 'sensitive' });
  });

  it('notes that a plan from Terraform 0.12 carries no sensitivity markings, and masks outputs declared sensitive', () => {
    const report = parsePlan(readFixture('no-changes.json'));
    expect(report.notes.join(' ')).toMatch(/no sensitivity markings/);
    expect(report.outputs.find((o) => o.name === 'foo')?.attributes[0].after).toEqual({ kind: 'sensitive' });
  });

  it('masks a sensitive output of format 0.2', () => {
    const report = parsePlan(readFixture('sensitive-values.json'));
    expect(report.outputs.find((o) => o.name === 'foo')?.attributes).toEqual([
      { path: 'foo', before: { kind: 'value', value: null }, after: { kind: 'sensitive' }, forcesReplacement: false },
    ]);
  });

  it('reads a plan with no resource_changes at all as no changes', () => {
    const report = parsePlan(readFixture('empty.json'));
    expect(report.resources).toEqual([]);
    expect(report.risks).toEqual([]);
  });
});

describe('parsePlan masks every value marked sensitive', () => {
  it('masks marked leaves at any depth, in lists of blocks and lists of scalars', () => {
    const r = only(
      parsePlan(
        plan([
          rc('aws_x.a', {
            actions: ['create'],
            before: null,
            after: { blocks: [{ p: 'SECRET-1', q: 'shown' }, { p: 'plain' }], list: ['ok', 'SECRET-2'] },
            after_unknown: {},
            before_sensitive: false,
            after_sensitive: { blocks: [{ p: true }, {}], list: [false, true] },
          }),
        ]),
      ),
    );
    expect(r.attributes.map((a) => [a.path, a.after])).toEqual([
      ['blocks[0].p', { kind: 'sensitive' }],
      ['blocks[0].q', { kind: 'value', value: 'shown' }],
      ['blocks[1].p', { kind: 'value', value: 'plain' }],
      ['list[0]', { kind: 'value', value: 'ok' }],
      ['list[1]', { kind: 'sensitive' }],
    ]);
  });

  it('masks a whole object marked true, and the whole resource when after_sensitive is true', () => {
    const report = parsePlan(
      plan([
        rc('aws_x.a', { actions: ['update'], before: { m: { k: 'SECRET-3' } }, after: { m: { k: 'SECRET-4' } }, before_sensitive: { m: true }, after_sensitive: { m: true } }),
        rc('aws_x.b', { actions: ['create'], before: null, after: { k: 'SECRET-5', n: 1 }, before_sensitive: false, after_sensitive: true }),
      ]),
    );
    expect(report.resources[0].attributes).toEqual([{ path: 'm', before: { kind: 'sensitive' }, after: { kind: 'sensitive' }, forcesReplacement: false }]);
    expect(report.resources[1].attributes).toEqual([
      { path: '(all attributes)', before: { kind: 'value', value: null }, after: { kind: 'sensitive' }, forcesReplacement: false },
    ]);
    const all = renderMarkdown(report) + renderText(report) + renderJson(report);
    for (const s of ['SECRET-3', 'SECRET-4', 'SECRET-5']) expect(all).not.toContain(s);
  });

  it('masks both sides when only one side is marked (the old value may be the same secret)', () => {
    const r = only(
      parsePlan(plan([rc('aws_x.a', { actions: ['update'], before: { k: 'SECRET-6' }, after: { k: 'SECRET-7' }, before_sensitive: {}, after_sensitive: { k: true } })])),
    );
    expect(r.attributes).toEqual([{ path: 'k', before: { kind: 'sensitive' }, after: { kind: 'sensitive' }, forcesReplacement: false }]);
  });

  it('shows a sensitive value that will be known after apply as sensitive, and skips unchanged secrets', () => {
    const r = only(
      parsePlan(
        plan([
          rc('aws_x.a', {
            actions: ['update'],
            before: { k: 'SECRET-8', same: 'SECRET-9' },
            after: { same: 'SECRET-9' },
            after_unknown: { k: true },
            before_sensitive: { k: true, same: true },
            after_sensitive: { k: true, same: true },
          }),
        ]),
      ),
    );
    expect(r.attributes).toEqual([{ path: 'k', before: { kind: 'sensitive' }, after: { kind: 'sensitive' }, forcesReplacement: false }]);
  });

  it('masks values in a before object that becomes unknown', () => {
    const r = only(
      parsePlan(
        plan([
          rc('aws_x.a', {
            actions: ['update'],
            before: { cfg: { pw: 'SECRET-10', host: 'db' } },
            after: {},
            after_unknown: { cfg: true },
            before_sensitive: { cfg: { pw: true } },
            after_sensitive: {},
          }),
        ]),
      ),
    );
    expect(r.attributes).toEqual([
      { path: 'cfg.host', before: { kind: 'value', value: 'db' }, after: { kind: 'unknown' }, forcesReplacement: false },
      { path: 'cfg.pw', before: { kind: 'sensitive' }, after: { kind: 'sensitive' }, forcesReplacement: false },
    ]);
  });
});

describe('parsePlan tolerates what newer Terraform writes', () => {
  it('keeps unknown actions and ignores unknown fields', () => {
    const report = parsePlan(
      plan(
        [
          rc('aws_x.gone', { actions: ['forget'], before: { id: '1' }, after: null, some_future_field: 1 }, { future: { x: 1 } }),
          rc('aws_x.odd', { actions: ['create', 'forget'], before: null, after: { id: '2' } }),
        ],
        { checks: [], deferred_changes: [{ reason: 'provider_config_unknown' }], complete: false, applyable: false, hypothetical: true },
      ),
    );
    expect(report.resources.map((r) => r.action)).toEqual(['forget', 'create+forget']);
    expect(report.counts.other).toBe(2);
    expect(report.notes).toEqual([
      'This plan is incomplete: some changes are deferred to a later plan and apply.',
      '1 resource change is deferred until values they depend on are known.',
    ]);
  });

  it('reads moves, imports, deposed objects, data sources, create-before-destroy and an errored plan', () => {
    const report = parsePlan(
      plan(
        [
          rc('aws_x.moved', { actions: ['no-op'], before: {}, after: {} }, { previous_address: 'aws_x.old' }),
          rc('aws_x.imp', { actions: ['no-op'], before: { id: 'i-1' }, after: { id: 'i-1' }, importing: { id: 'i-1' } }),
          rc('aws_x.cbd', { actions: ['create', 'delete'], before: { n: 1 }, after: { n: 2 }, replace_paths: [['n']] }, { action_reason: 'replace_by_request' }),
          rc('aws_x.dep', { actions: ['delete'], before: { n: 1 }, after: null }, { deposed: '00abcd12' }),
          rc('data.aws_x.read', { actions: ['read'], before: null, after: { v: 1 } }, { mode: 'data', action_reason: 'read_because_config_unknown' }),
        ],
        { errored: true },
      ),
    );
    const by = Object.fromEntries(report.resources.map((r) => [r.address, r]));
    expect(by['aws_x.moved'].previousAddress).toBe('aws_x.old');
    expect(by['aws_x.imp'].importingId).toBe('i-1');
    expect(by['aws_x.cbd']).toMatchObject({ action: 'replace', replaceOrder: 'create-first', replaceReasons: ['replacement was requested (terraform plan -replace)', 'a change to n forces replacement'] });
    expect(by['aws_x.dep'].deposed).toBe('00abcd12');
    expect(by['data.aws_x.read']).toMatchObject({ mode: 'data', action: 'read', reason: 'its configuration depends on values known only after apply' });
    expect(report.notes[0]).toMatch(/^Terraform reported errors while planning/);
  });
});

describe('parsePlan rejects what is not a plan with one line', () => {
  function errorOf(text: string, file = 'plan.json'): string {
    try {
      parsePlan(text, file);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanFormatError);
      const line = String(e);
      expect(line).not.toContain('\n');
      return line;
    }
    throw new Error('expected a PlanFormatError');
  }

  it('rejects the broken fixture (extra data after the document) naming the line', () => {
    expect(errorOf(readFixture('invalid-not-a-plan.json'), 'invalid-not-a-plan.json')).toMatch(
      /^PlanFormatError: invalid-not-a-plan\.json: not a terraform plan \(invalid JSON at line 676, column \d+: unexpected non-whitespace character after JSON; expected the output of terraform show -json PLANFILE\)$/,
    );
  });

  it.each([
    ['an empty file', '  \n', 'the file is empty'],
    ['the human-readable plan', 'Terraform will perform the following actions:', "invalid JSON: unexpected token 'T'; expected the output of terraform show -json PLANFILE"],
    ['a binary plan file', 'PK\u0003\u0004\u0014\u0000rest', 'this is a binary plan file; convert it with terraform show -json PLANFILE > plan.json'],
    ['a JSON list', '[]', 'the JSON document is a list'],
    ['JSON null', 'null', 'the JSON document is null'],
    ['a state file', JSON.stringify({ version: 4, terraform_version: '1.9.0', serial: 3, lineage: 'x', outputs: {}, resources: [] }), 'this is a terraform state file'],
    ['state shown as JSON', JSON.stringify({ format_version: '1.0', terraform_version: '1.9.0', values: { root_module: {} } }), 'this is terraform state printed as JSON, not a plan'],
    ['provider schemas', JSON.stringify({ format_version: '1.0', provider_schemas: {} }), 'terraform providers schema -json'],
    ['other JSON', JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09' }), 'no format_version field'],
    ['a numeric format_version', JSON.stringify({ format_version: 1, resource_changes: [] }), 'format_version is 1, expected a version such as "1.2"'],
    ['resource_changes that is not a list', JSON.stringify({ format_version: '1.2', resource_changes: {} }), 'resource_changes is an object, expected a list'],
    ['a change without actions', plan([rc('aws_x.a', { before: null })]), 'resource_changes[0].change.actions is missing, expected a list of action names'],
    ['a resource change that is a string', plan(['aws_x.a']), 'resource_changes[0] is the string "aws_x.a", expected an object'],
  ])('rejects %s', (_what, text, detail) => {
    const line = errorOf(text);
    expect(line.startsWith('PlanFormatError: plan.json: not a terraform plan (')).toBe(true);
    expect(line).toContain(detail);
  });

  it('rejects a plan format of a future major version as unsupported', () => {
    expect(errorOf(JSON.stringify({ format_version: '2.0', planned_values: {} }))).toBe(
      'PlanFormatError: plan.json: unsupported terraform plan (format_version "2.0"; this tool reads plan formats 0.1 to 1.x, upgrade prospect-iac to read it)',
    );
  });
});
