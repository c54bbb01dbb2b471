// Governance and data-loss risks of a spec change, read from the two validated spec sets (the
// resource side, IAM included, comes from resourceRisks() over the synthesized diff). Each rule
// is a small pure function over (base, head); `specRisks` runs them all.
//
//   label-removed        a field (or "*") loses a label                         high when an enabled policy denies it, or THIRD_PARTY
//   policy-disabled      an enabled policy is disabled or removed                high
//   policy-loosened      fewer marketing actions, or a deny expression that denies fewer label sets   high
//   third-party-export   an activation newly sends THIRD_PARTY fields to a destination (new, attributes added, other destination)   high
//   expiration-shortened a dataset's expiration.afterDays goes down             high
//   dataset-removed      a dataset goes: its prefix and Glue table with every record   high
//   source-removed       a source goes: partner files stop arriving             medium; high for a possible rename (its landing prefix moves)

import { Risk, compareRisks } from '../report';
import { datasetPrefix, glueTableName, sourceLandingPrefix } from '../../runtime/layout';
import { isThirdPartySchema } from '../../runtime/manifest';
import { Doc, LabelExpression, SchemaSpec, SpecSet, THIRD_PARTY, allFields, labelsOfField } from '../../specs/model';
import type { PossibleRename } from './spec-diff';

export interface SpecRiskContext {
  readonly base: SpecSet;
  readonly head: SpecSet;
  /** Removed-and-added pairs that are equal but for the name. @default none */
  readonly renames?: readonly PossibleRename[];
}

type SpecRiskRule = (ctx: SpecRiskContext) => Risk[];

export const SPEC_RISK_RULES: Readonly<Record<string, SpecRiskRule>> = {
  'label-removed': labelRemoved,
  'policy-disabled': policyDisabled,
  'policy-loosened': policyLoosened,
  'third-party-export': thirdPartyExport,
  'expiration-shortened': expirationShortened,
  'dataset-removed': datasetRemoved,
  'source-removed': sourceRemoved,
};

/** Every spec-level risk, high first. */
export function specRisks(ctx: SpecRiskContext): Risk[] {
  return Object.values(SPEC_RISK_RULES)
    .flatMap((rule) => rule(ctx))
    .sort(compareRisks);
}

function docs<K extends keyof SpecSet['byKind']>(set: SpecSet, kind: K): [string, Doc<K>][] {
  return [...(set.byKind[kind] as ReadonlyMap<string, Doc<K>>).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function ref(kind: string, name: string): string {
  return `${kind}/${name}`;
}

function list(xs: readonly string[], max = 8): string {
  const shown = xs.slice(0, max).join(', ');
  return xs.length > max ? `${shown} and ${xs.length - max} more` : shown;
}

/** Labels that an enabled policy of the spec set names in its deny expression. */
function deniedLabels(set: SpecSet): Set<string> {
  const out = new Set<string>();
  for (const [, p] of docs(set, 'Policy')) if (p.spec.enabled !== false) for (const l of labelsIn(p.spec.deny)) out.add(l);
  return out;
}

function labelRemoved({ base, head }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  const guarded = new Set([...deniedLabels(base), ...deniedLabels(head), THIRD_PARTY]);
  for (const [name, b] of docs(base, 'Schema')) {
    const h = head.byKind.Schema.get(name);
    if (!h) continue;
    const fields = Object.keys(allFields(h.spec)).filter((f) => f in allFields(b.spec)).sort();
    const lostBy = new Map<string, string[]>();
    for (const f of fields) {
      const now = new Set(labelsOfField(h.spec, f));
      for (const l of labelsOfField(b.spec, f)) if (!now.has(l)) lostBy.set(l, [...(lostBy.get(l) ?? []), f]);
    }
    for (const [label, lost] of [...lostBy].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const everyField = lost.length === fields.length && fields.length > 1;
      const where = everyField ? `every field (it was on "*")` : `field${lost.length === 1 ? '' : 's'} ${list(lost)}`;
      const why = label === THIRD_PARTY ? '; policies that deny THIRD_PARTY no longer see these fields as partner data' : guarded.has(label) ? '; an enabled policy denies it, so the fields are no longer protected by it' : '';
      risks.push({ severity: guarded.has(label) ? 'high' : 'medium', category: 'governance', document: ref('Schema', name), message: `label ${label} removed from ${where}${why}` });
    }
  }
  return risks;
}

function policyDisabled({ base, head }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  for (const [name, b] of docs(base, 'Policy')) {
    if (b.spec.enabled === false) continue;
    const h = head.byKind.Policy.get(name);
    const what = `${describeDeny(b.spec.deny)} for ${list(b.spec.marketingActions)}`;
    if (!h) risks.push({ severity: 'high', category: 'governance', document: ref('Policy', name), message: `policy removed: ${what} is no longer denied` });
    else if (h.spec.enabled === false) risks.push({ severity: 'high', category: 'governance', document: ref('Policy', name), message: `policy disabled: ${what} is no longer denied` });
  }
  return risks;
}

function policyLoosened({ base, head }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  for (const [name, b] of docs(base, 'Policy')) {
    const h = head.byKind.Policy.get(name);
    if (!h || b.spec.enabled === false || h.spec.enabled === false) continue;
    const document = ref('Policy', name);
    const dropped = b.spec.marketingActions.filter((a) => !h.spec.marketingActions.includes(a));
    if (dropped.length) {
      risks.push({ severity: 'high', category: 'governance', document, message: `policy loosened: no longer applies to marketing action${dropped.length === 1 ? '' : 's'} ${list(dropped)}` });
    }
    const allowed = newlyAllowed(b.spec.deny, h.spec.deny);
    if (allowed === 'unknown') {
      risks.push({ severity: 'medium', category: 'governance', document, message: `deny expression changed from ${describeDeny(b.spec.deny)} to ${describeDeny(h.spec.deny)} (too many labels to check whether it is narrower)` });
    } else if (allowed) {
      risks.push({
        severity: 'high',
        category: 'governance',
        document,
        message: `policy loosened: deny narrowed from ${describeDeny(b.spec.deny)} to ${describeDeny(h.spec.deny)}; fields labelled ${allowed.length ? allowed.join(' + ') : '(none)'} were denied and now are not`,
      });
    }
  }
  return risks;
}

/** Labels of an expression. */
function labelsIn(e: LabelExpression): string[] {
  if (typeof e === 'string') return [e];
  const items = 'anyOf' in e ? e.anyOf : e.allOf;
  return [...new Set(items.flatMap(labelsIn))].sort();
}

/** Whether a field with these labels is denied. */
function denies(e: LabelExpression, labels: ReadonlySet<string>): boolean {
  if (typeof e === 'string') return labels.has(e);
  return 'anyOf' in e ? e.anyOf.some((x) => denies(x, labels)) : e.allOf.every((x) => denies(x, labels));
}

/**
 * The smallest label set the base expression denies and the head expression does not (the head
 * is narrower), undefined when there is none, 'unknown' when there are too many labels to try
 * every combination.
 */
export function newlyAllowed(base: LabelExpression, head: LabelExpression): string[] | undefined | 'unknown' {
  const labels = [...new Set([...labelsIn(base), ...labelsIn(head)])].sort();
  if (labels.length > 16) return 'unknown';
  let best: string[] | undefined;
  for (let mask = 0; mask < 1 << labels.length; mask++) {
    const set = labels.filter((_, i) => mask & (1 << i));
    if (best && set.length >= best.length) continue;
    const s = new Set(set);
    if (denies(base, s) && !denies(head, s)) best = set;
  }
  return best;
}

function describeDeny(e: LabelExpression): string {
  if (typeof e === 'string') return e;
  const [op, items] = 'anyOf' in e ? ['or', e.anyOf] : ['and', e.allOf];
  const parts = items.map((x) => (typeof x === 'string' ? x : `(${describeDeny(x)})`));
  return parts.length === 1 ? parts[0] : parts.join(` ${op} `);
}

/** THIRD_PARTY fields an activation sends: its attributes and the field of its identity. */
function thirdPartyFields(set: SpecSet, a: Doc<'Activation'>): string[] {
  const out = new Set<string>();
  for (const audienceName of a.spec.audiences) {
    const audience = set.byKind.Audience.get(audienceName);
    const dataset = audience && set.byKind.Dataset.get(audience.spec.dataset);
    const schema = dataset && set.byKind.Schema.get(dataset.spec.schema);
    if (!schema) continue;
    const exported = [...a.spec.attributes];
    if (schema.spec.primaryIdentity.namespace === a.spec.identity) exported.push(schema.spec.primaryIdentity.field);
    for (const f of exported) if (labelsOfField(schema.spec, f).includes(THIRD_PARTY)) out.add(f);
  }
  return [...out].sort();
}

function thirdPartyExport({ base, head }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  for (const [name, h] of docs(head, 'Activation')) {
    const now = thirdPartyFields(head, h);
    if (now.length === 0) continue;
    const b = base.byKind.Activation.get(name);
    const document = ref('Activation', name);
    const dest = h.spec.destination;
    if (!b) {
      risks.push({ severity: 'high', category: 'governance', document, message: `new activation: destination ${dest} receives THIRD_PARTY data (${list(now)})` });
    } else if (b.spec.destination !== dest) {
      risks.push({ severity: 'high', category: 'governance', document, message: `destination changed from ${b.spec.destination} to ${dest}, which now receives THIRD_PARTY data (${list(now)})` });
    } else {
      const before = new Set(thirdPartyFields(base, b));
      const added = now.filter((f) => !before.has(f));
      if (added.length) risks.push({ severity: 'high', category: 'governance', document, message: `destination ${dest} newly receives THIRD_PARTY field${added.length === 1 ? '' : 's'} ${list(added)}` });
    }
  }
  return risks;
}

function expirationShortened({ base, head }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  for (const [name, b] of docs(base, 'Dataset')) {
    const h = head.byKind.Dataset.get(name);
    const from = b.spec.expiration.afterDays;
    const to = h?.spec.expiration.afterDays;
    if (to !== undefined && to < from) {
      risks.push({
        severity: 'high',
        category: 'data-loss',
        document: ref('Dataset', name),
        message: `expiration shortened from ${from} to ${to} days: records and rejected rows older than ${to} days are deleted at the next lifecycle run`,
      });
    }
  }
  return risks;
}

function datasetRemoved({ base, head, renames = [] }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  for (const [name, b] of docs(base, 'Dataset')) {
    if (head.byKind.Dataset.has(name)) continue;
    const schema = base.byKind.Schema.get(b.spec.schema);
    const thirdParty = schema ? isThirdPartySchema(schema.spec as SchemaSpec) : false;
    const rename = renames.find((r) => r.kind === 'Dataset' && r.from === name);
    risks.push({
      severity: 'high',
      category: 'data-loss',
      document: ref('Dataset', name),
      message:
        `dataset removed: its prefix ${datasetPrefix(name, thirdParty)} and Glue table ${glueTableName(name, thirdParty)} go, with every record in them` +
        (rename ? ` (renamed to ${rename.to}? the records do not move)` : ''),
    });
  }
  return risks;
}

function sourceRemoved({ base, head, renames = [] }: SpecRiskContext): Risk[] {
  const risks: Risk[] = [];
  for (const [name, b] of docs(base, 'Source')) {
    if (head.byKind.Source.has(name)) continue;
    const rename = renames.find((r) => r.kind === 'Source' && r.from === name);
    const extra = b.spec.type === 'sftp' ? ', its schedule and its secret go' : ', its landing trigger goes';
    let renamed = '';
    if (rename) {
      renamed = ` (renamed to ${rename.to}? its resources are destroyed and created again under the new name`;
      const to = head.byKind.Source.get(rename.to);
      const [from, moved] = [sourceLandingPrefix(b), to ? sourceLandingPrefix(to) : undefined];
      if (b.spec.type === 's3' && b.spec.s3?.bucket === undefined && moved !== undefined && moved !== from) {
        renamed += `, and its landing prefix moves from ${from} to ${moved}: the partner must write there`;
      }
      renamed += ')';
    }
    risks.push({
      severity: rename ? 'high' : 'medium',
      category: 'data-loss',
      document: ref('Source', name),
      message: `source removed: partner files are no longer ingested into dataset ${b.spec.dataset}${extra}${renamed}`,
    });
  }
  return risks;
}
