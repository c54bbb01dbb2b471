import { SECURITY_RULES } from '../../checks/all-rules';
import { formatFindings, globMatches, runSecurityChecks, SUPPRESSION_REASON_RULE } from '../../checks/run';
import type { Finding, Suppression } from '../../checks/types';
import { compliantStack, LAKE, LAKE_PATH, LOGS, stackWith } from './fixtures';

/** Lake and access-logs buckets lose their public access blocks (CKV2_AWS_6 on both) and versioning (CKV_AWS_21 on both). */
const broken = () =>
  stackWith((tf) => {
    delete tf.resource.aws_s3_bucket_public_access_block;
    delete tf.resource.aws_s3_bucket_versioning;
  });

const summary = (fs: readonly Finding[]) => fs.map((f) => `${f.rule} ${f.address}`);

describe('runSecurityChecks', () => {
  it('finds nothing in the compliant stack', () => {
    expect(runSecurityChecks(compliantStack(), [])).toEqual({ findings: [], suppressed: [], unusedSuppressions: [] });
  });

  it('reports every finding, sorted by rule then address (plain string order)', () => {
    expect(summary(runSecurityChecks(broken(), []).findings)).toEqual([
      `CKV2_AWS_6 ${LOGS}`,
      `CKV2_AWS_6 ${LAKE}`,
      `CKV_AWS_21 ${LOGS}`,
      `CKV_AWS_21 ${LAKE}`,
    ]);
  });

  it('is deterministic: the same report whatever the order of resources in the JSON', () => {
    const tf = broken();
    const reversed = { ...tf, resource: Object.fromEntries(Object.entries(tf.resource ?? {}).reverse().map(([t, byName]) => [t, Object.fromEntries(Object.entries(byName).reverse())])) };
    expect(runSecurityChecks(reversed, [])).toEqual(runSecurityChecks(tf, []));
  });

  it('suppresses by rule and address glob, keeping the reason', () => {
    const s: Suppression = { rule: 'CKV2_AWS_6', resource: 'aws_s3_bucket.access_logs*', reason: 'blocked by the account-level public access block' };
    const report = runSecurityChecks(broken(), [s]);
    expect(summary(report.findings)).toEqual([`CKV2_AWS_6 ${LAKE}`, `CKV_AWS_21 ${LOGS}`, `CKV_AWS_21 ${LAKE}`]);
    expect(report.suppressed.map((x) => [x.finding.rule, x.finding.address, x.reason])).toEqual([['CKV2_AWS_6', LOGS, s.reason]]);
    expect(report.unusedSuppressions).toEqual([]);
  });

  it('suppresses by construct path glob', () => {
    const report = runSecurityChecks(broken(), [{ rule: 'CKV_AWS_21', resource: 'dev/lake/*', reason: 'lake versioning is handled by backups' }]);
    expect(report.suppressed.map((x) => x.finding.path)).toEqual([LAKE_PATH]);
    expect(summary(report.findings)).not.toContain(`CKV_AWS_21 ${LAKE}`);
  });

  it('suppresses a rule on every resource when resource is left out', () => {
    const report = runSecurityChecks(broken(), [{ rule: 'CKV_AWS_21', reason: '  dev environment, data is synthetic  ' }]);
    expect(summary(report.findings)).toEqual([`CKV2_AWS_6 ${LOGS}`, `CKV2_AWS_6 ${LAKE}`]);
    expect(report.suppressed.map((x) => x.reason)).toEqual(['dev environment, data is synthetic', 'dev environment, data is synthetic']);
  });

  it('does not match a glob against part of an address', () => {
    const report = runSecurityChecks(broken(), [{ rule: 'CKV_AWS_21', resource: 'access_logs', reason: 'a glob must match the whole address' }]);
    expect(report.suppressed).toEqual([]);
    expect(report.unusedSuppressions).toEqual([{ index: 0, suppression: expect.objectContaining({ resource: 'access_logs' }), unknownRule: false }]);
  });

  it.each([
    ['blank', '   '],
    ['too short', ' todo fix '],
  ])('rejects a suppression with a %s reason and does not apply it', (_what, reason) => {
    const report = runSecurityChecks(broken(), [{ rule: 'CKV_AWS_21', resource: `${LAKE}`, reason }]);
    const reasonFinding = report.findings.find((f) => f.rule === SUPPRESSION_REASON_RULE);
    expect(reasonFinding).toEqual({
      rule: SUPPRESSION_REASON_RULE,
      address: 'suppressions[0]',
      message: expect.stringContaining(`suppression of CKV_AWS_21 for "${LAKE}" has reason ${JSON.stringify(reason.trim())}`),
    });
    expect(reasonFinding?.message).toContain('write at least 10 characters');
    expect(summary(report.findings)).toContain(`CKV_AWS_21 ${LAKE}`);
    expect(report.suppressed).toEqual([]);
  });

  it('lists suppressions that matched nothing, flagging unknown rule ids', () => {
    const report = runSecurityChecks(compliantStack(), [
      { rule: 'CKV_AWS_21', reason: 'stale: versioning has been fixed since' },
      { rule: 'CKV_AWS_9999', reason: 'misspelt rule id in the environment' },
    ]);
    expect(report.unusedSuppressions.map((u) => [u.index, u.suppression.rule, u.unknownRule])).toEqual([
      [0, 'CKV_AWS_21', false],
      [1, 'CKV_AWS_9999', true],
    ]);
  });
});

describe('globMatches', () => {
  it.each([
    ['aws_s3_bucket.access_logs*', 'aws_s3_bucket.access_logs_5E6F7A8B', true],
    ['*', 'anything.at/all', true],
    ['dev/*/bucket', 'dev/lake/bucket', true],
    ['aws_s3_bucket.lake', 'aws_s3_bucket.lake_1A2B3C4D', false],
    ['aws_s3_bucket.lake?', 'aws_s3_bucket.lakeX', false],
  ])('%s vs %s -> %s', (glob, text, expected) => expect(globMatches(glob, text)).toBe(expected));
});

describe('formatFindings', () => {
  it('prints one line per finding, with the construct path when known', () => {
    expect(
      formatFindings([
        { rule: 'CKV_AWS_21', address: LAKE, path: LAKE_PATH, message: 'bucket has no versioning configuration' },
        { rule: 'CKV_AWS_7', address: 'aws_kms_key.k', message: 'enable_key_rotation is false' },
      ]),
    ).toBe(`CKV_AWS_21  ${LAKE} (${LAKE_PATH})  bucket has no versioning configuration\nCKV_AWS_7  aws_kms_key.k  enable_key_rotation is false`);
  });
});

describe('SECURITY_RULES', () => {
  it('has unique ids, each rule file named after its id', () => {
    const ids = SECURITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(require(`../../checks/rules/${id}`)[id].id).toBe(id);
  });
});
