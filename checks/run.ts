// Run the rules over a synthesized stack, apply the Environment's suppressions, report once.

import { SECURITY_RULES } from './all-rules';
import type { Finding, SecurityRule, Suppression, TerraformJson } from './types';

/** Rule id of the finding raised for a suppression without a real reason. It cannot itself be suppressed. */
export const SUPPRESSION_REASON_RULE = 'PRS_SUPPRESSION_REASON';
/** Shortest accepted reason, after trimming. */
export const MIN_REASON_LENGTH = 10;

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
}

/** A suppression that matched no finding: stale, misspelt, or naming an unknown rule. */
export interface UnusedSuppression {
  /** Position in the `suppressions` list, to point at the spec. */
  readonly index: number;
  readonly suppression: Suppression;
  /** True when no rule of the set has this id. */
  readonly unknownRule: boolean;
}

export interface SecurityReport {
  /** Findings left after suppression, sorted by rule, address, message. Non-empty means synth must fail. */
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
  readonly unusedSuppressions: UnusedSuppression[];
}

/** `*` matches any run of characters (dots and slashes included); everything else is literal. */
export function globMatches(glob: string, text: string): boolean {
  const pattern = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(text);
}

function applies(s: Suppression, f: Finding): boolean {
  if (s.rule !== f.rule) return false;
  if (s.resource === undefined) return true;
  return globMatches(s.resource, f.address) || (f.path !== undefined && globMatches(s.resource, f.path));
}

function compare(a: Finding, b: Finding): number {
  for (const k of ['rule', 'address', 'message'] as const) {
    if (a[k] < b[k]) return -1;
    if (a[k] > b[k]) return 1;
  }
  return 0;
}

/**
 * Run every rule over `tf`. A suppression hides the findings of its rule on the resources its
 * glob matches (address or construct path), or on all resources when it has no `resource`.
 * A suppression whose reason is shorter than MIN_REASON_LENGTH is not applied and is itself a finding.
 */
export function runSecurityChecks(tf: TerraformJson, suppressions: readonly Suppression[] = [], rules: readonly SecurityRule[] = SECURITY_RULES): SecurityReport {
  const raw = rules.flatMap((r) => r.check(tf));
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const used = new Set<number>();

  const valid: { index: number; s: Suppression }[] = [];
  suppressions.forEach((s, index) => {
    const reason = typeof s.reason === 'string' ? s.reason.trim() : '';
    if (reason.length >= MIN_REASON_LENGTH) {
      valid.push({ index, s });
      return;
    }
    const target = s.resource === undefined ? 'every resource' : JSON.stringify(s.resource);
    findings.push({
      rule: SUPPRESSION_REASON_RULE,
      address: `suppressions[${index}]`,
      message:
        `suppression of ${s.rule} for ${target} has reason ${JSON.stringify(reason)} (${reason.length} characters), so it is not applied; ` +
        `write at least ${MIN_REASON_LENGTH} characters saying why the finding is acceptable here`,
    });
  });

  for (const f of raw) {
    const match = valid.find(({ s }) => applies(s, f));
    if (match === undefined) {
      findings.push(f);
      continue;
    }
    used.add(match.index);
    suppressed.push({ finding: f, reason: match.s.reason.trim() });
  }

  const ids = new Set(rules.map((r) => r.id));
  const unusedSuppressions = valid
    .filter(({ index }) => !used.has(index))
    .map(({ index, s }) => ({ index, suppression: s, unknownRule: !ids.has(s.rule) }));

  findings.sort(compare);
  suppressed.sort((a, b) => compare(a.finding, b.finding));
  return { findings, suppressed, unusedSuppressions };
}

/** One line per finding: `RULE  address (path)  message`. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.rule}  ${f.address}${f.path === undefined ? '' : ` (${f.path})`}  ${f.message}`).join('\n');
}
