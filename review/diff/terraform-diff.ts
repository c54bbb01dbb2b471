// Resource-level changes between two synthesized Terraform JSON configurations (cdk.tf.json),
// in the report model a terraform plan also fills. Without a state or a plan this compares
// configurations: values are expressions as written (`${aws_s3_bucket.x.id}`), not results.
//
// - create / delete: an address only in the head / only in the base;
// - update: the same address with other attribute values;
// - replace: the same address where an attribute that forces replacement changed (force-new.ts),
//   or where such an attribute refers to a resource that is itself replaced;
// - a construct id that changed shows as a delete plus a create of the same type; when both name
//   the same object in AWS (same bucket, same name...) the pair is flagged as a likely accidental
//   rename. Data sources are left out: reading them changes nothing.

import { attributeChanges, sameValue } from '../attribute-changes';
import { OutputChange, ResourceChange, Risk, compareResources, compareStrings } from '../report';
import { STATEFUL_TYPES } from '../resource-risks';
import { forceNewAttribute, identityAttributes } from './force-new';

/** The parts of a synthesized Terraform JSON file this diff reads. */
export interface TerraformJson {
  /** type -> name -> configuration. */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly terraform?: unknown;
  readonly provider?: unknown;
  readonly [key: string]: unknown;
}

export interface TerraformDiff {
  /** Every managed resource of either side, no-ops included, sorted by address. */
  readonly resources: ResourceChange[];
  readonly outputs: OutputChange[];
  /** Construct ids that changed for the same object (only these: resourceRisks() adds the rest). */
  readonly risks: Risk[];
  /** Backend and provider changes. */
  readonly notes: string[];
}

export interface TerraformDiffOptions {
  /** Put before every address and output name, e.g. `dev:` when several stacks share one report. @default '' */
  readonly addressPrefix?: string;
}

interface Resource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  /** Configuration without cdktf's `//` metadata. */
  readonly config: Record<string, unknown>;
}

export function diffTerraform(base: TerraformJson, head: TerraformJson, opts: TerraformDiffOptions = {}): TerraformDiff {
  const prefix = opts.addressPrefix ?? '';
  const before = resourcesOf(base);
  const after = resourcesOf(head);
  const changes = new Map<string, MutableChange>();

  for (const [address, b] of before) {
    const a = after.get(address);
    if (!a) {
      changes.set(address, change(b, 'delete', attributeChanges({ before: expandJson(b.config), after: undefined })));
      continue;
    }
    const [bc, ac] = alignBlocks(expandJson(b.config), expandJson(a.config));
    const attrs = attributeChanges({ before: bc, after: ac }).map((c) => ({
      ...c,
      forcesReplacement: forceNewAttribute(a.type, c.path) !== undefined,
    }));
    const forced = attrs.filter((c) => c.forcesReplacement);
    const c = change(a, attrs.length === 0 ? 'no-op' : forced.length ? 'replace' : 'update', attrs);
    if (forced.length) {
      for (const f of [...new Set(forced.map((x) => forceNewAttribute(a.type, x.path) as string))]) {
        c.replacePaths.push(f);
        c.replaceReasons.push(`${f} changed, and AWS cannot change it in place`);
      }
    }
    changes.set(address, c);
  }
  for (const [address, a] of after) {
    if (!before.has(address)) changes.set(address, change(a, 'create', attributeChanges({ before: undefined, after: expandJson(a.config) })));
  }

  propagateReplacements(changes, after);
  const risks = pairRenames(changes, before, after, prefix);
  for (const c of changes.values()) {
    if (c.action !== 'replace') continue;
    const lifecycle = after.get(c.address)?.config.lifecycle as { create_before_destroy?: unknown } | undefined;
    c.replaceOrder = lifecycle?.create_before_destroy === true ? 'create-first' : 'delete-first';
  }

  const resources = [...changes.values()].map((c) => freeze(c, prefix)).sort(compareResources);
  return { resources, outputs: diffOutputs(base.output ?? {}, head.output ?? {}, prefix), risks, notes: settingsNotes(base, head, prefix) };
}

type MutableChange = { -readonly [K in keyof ResourceChange]: ResourceChange[K] } & { replaceReasons: string[]; replacePaths: string[] };

function change(r: Resource, action: string, attributes: ResourceChange['attributes']): MutableChange {
  return { address: r.address, type: r.type, name: r.name, mode: 'managed', action, replaceReasons: [], replacePaths: [], attributes };
}

function freeze(c: MutableChange, prefix: string): ResourceChange {
  return { ...c, address: prefix + c.address, replaceReasons: [...c.replaceReasons], replacePaths: [...c.replacePaths] };
}

function resourcesOf(tf: TerraformJson): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const [type, byName] of Object.entries(tf.resource ?? {})) {
    if (typeof byName !== 'object' || byName === null) continue;
    for (const [name, config] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      out.set(address, { type, name, address, config: stripMetadata(config) as Record<string, unknown> });
    }
  }
  return out;
}

/** cdktf's `//` keys hold construct paths and stack traces, not configuration. */
function stripMetadata(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripMetadata);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== '//') out[k] = stripMetadata(x);
  return out;
}

/** Policy documents stay strings: resourceRisks() reads them whole to find widened grants. */
const POLICY_ATTRIBUTE = /(^|_)policy$/;

/**
 * Top-level string attributes holding a JSON object (an S3 object's `content`, such as the
 * runtime manifest) are compared as JSON, so a change shows as the keys that changed
 * (`content.activations["x"].attributes`) rather than two long strings.
 */
function expandJson(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = v;
    if (typeof v !== 'string' || !v.trimStart().startsWith('{') || POLICY_ATTRIBUTE.test(k)) continue;
    try {
      const parsed: unknown = JSON.parse(v);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) out[k] = parsed;
    } catch {
      // not JSON: compared as text
    }
  }
  return out;
}

/**
 * Lists of blocks that carry a unique `id` or `name` (lifecycle rules, Glue columns) are matched
 * by it, not by position: adding a rule in the middle shows as one added rule, not as every later
 * rule changed. The head's order is kept; blocks only in the base follow it, and a block missing
 * on one side is null there. Paths name blocks by key: `rule["id=source-acme"]`.
 */
function alignBlocks(b: unknown, a: unknown): [unknown, unknown] {
  if (Array.isArray(b) && Array.isArray(a)) {
    const key = blockKey(b, a);
    if (!key) return [b, a];
    // keyed by `id=<value>`, so paths name the block (rule["id=source-acme"]) rather than a position
    const label = (x: unknown) => `${key}=${(x as Record<string, unknown>)[key] as string}`;
    const byKey = new Map(b.map((x) => [label(x), x]));
    const headKeys = new Set(a.map(label));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const x of a) {
      const prev = byKey.get(label(x));
      [before[label(x)], after[label(x)]] = prev === undefined ? [null, x] : alignBlocks(prev, x);
    }
    for (const x of b) {
      if (headKeys.has(label(x))) continue;
      before[label(x)] = x;
      after[label(x)] = null;
    }
    return [before, after];
  }
  if (isObject(b) && isObject(a)) {
    const bo: Record<string, unknown> = { ...b };
    const ao: Record<string, unknown> = { ...a };
    for (const k of Object.keys(a)) if (k in b) [bo[k], ao[k]] = alignBlocks(b[k], a[k]);
    return [bo, ao];
  }
  return [b, a];
}

function blockKey(b: readonly unknown[], a: readonly unknown[]): 'id' | 'name' | undefined {
  for (const key of ['id', 'name'] as const) {
    const unique = (xs: readonly unknown[]) => {
      const vals = xs.map((x) => (isObject(x) ? x[key] : undefined));
      return vals.every((v) => typeof v === 'string') && new Set(vals).size === vals.length;
    };
    if (b.length + a.length > 0 && unique(b) && unique(a)) return key;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A force-new attribute that refers to a replaced resource (`bucket = "${aws_s3_bucket.x.id}"`)
 * is unknown until that resource exists again, so Terraform replaces its holder too.
 */
function propagateReplacements(changes: Map<string, MutableChange>, after: Map<string, Resource>): void {
  let grew = true;
  while (grew) {
    grew = false;
    const replaced = [...changes.values()].filter((c) => c.action === 'replace').map((c) => c.address);
    for (const c of changes.values()) {
      if (c.action !== 'update' && c.action !== 'no-op') continue;
      const r = after.get(c.address);
      if (!r) continue;
      for (const [attr, value] of Object.entries(r.config)) {
        if (forceNewAttribute(r.type, attr) === undefined) continue;
        const text = JSON.stringify(value);
        const dep = replaced.find((addr) => text.includes(`\${${addr}.`));
        if (dep) {
          c.action = 'replace';
          c.replacePaths.push(attr);
          c.replaceReasons.push(`${attr} refers to ${dep}, which is replaced`);
          grew = true;
          break;
        }
      }
    }
  }
}

/** Deleted and created resources of one type that name the same object: a construct id changed. */
function pairRenames(changes: Map<string, MutableChange>, before: Map<string, Resource>, after: Map<string, Resource>, prefix: string): Risk[] {
  const risks: Risk[] = [];
  const created = [...changes.values()].filter((c) => c.action === 'create');
  const used = new Set<string>();
  for (const d of [...changes.values()].filter((c) => c.action === 'delete').sort((x, y) => compareStrings(x.address, y.address))) {
    const old = before.get(d.address) as Resource;
    const same = created.find((c) => !used.has(c.address) && c.type === d.type && sameObject(old, after.get(c.address) as Resource));
    if (!same) continue;
    used.add(same.address);
    d.reason = `its construct id changed: the same object is created again as ${prefix}${same.address}`;
    same.reason = `replaces ${prefix}${d.address} under a new construct id`;
    const identity = describeIdentity(old);
    const stateful = STATEFUL_TYPES[d.type];
    risks.push({
      severity: 'high',
      category: stateful ? 'data-loss' : 'destroy',
      address: prefix + d.address,
      message:
        `construct id changed, likely an accidental rename: destroyed and created again as ${prefix}${same.address}${identity ? ` (same ${identity})` : ''}` +
        `${stateful ? `, losing ${stateful[1]}` : ''}; keep the old construct id, or move the state (terraform state mv, or a moved block)`,
    });
  }
  return risks;
}

/** Same identity attributes (literal values), or, for types without one, the same configuration up to references. */
function sameObject(a: Resource, b: Resource): boolean {
  const ids = identityAttributes(a.type).filter((k) => a.config[k] !== undefined || b.config[k] !== undefined);
  if (ids.length) {
    const literal = ids.some((k) => typeof a.config[k] === 'string' && !isReference(a.config[k] as string));
    return literal && ids.every((k) => sameValue(withoutReferences(a.config[k]), withoutReferences(b.config[k])));
  }
  return sameValue(withoutReferences(a.config), withoutReferences(b.config));
}

function describeIdentity(r: Resource): string {
  const k = identityAttributes(r.type).find((x) => typeof r.config[x] === 'string' && !isReference(r.config[x] as string));
  return k ? `${k} ${JSON.stringify(r.config[k])}` : '';
}

function isReference(s: string): boolean {
  return s.includes('${');
}

/** References to other resources differ when their construct ids do; compare everything else. */
function withoutReferences(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\$\{[^}]*\}/g, '${ref}');
  if (Array.isArray(v)) return v.map(withoutReferences);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutReferences(x)]));
}

function diffOutputs(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, prefix: string): OutputChange[] {
  const out: OutputChange[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareStrings);
  for (const name of names) {
    const b = before[name] as { value?: unknown; sensitive?: boolean } | undefined;
    const a = after[name] as { value?: unknown; sensitive?: boolean } | undefined;
    const attributes = attributeChanges(
      { before: b?.value, after: a?.value, beforeSensitive: b?.sensitive === true, afterSensitive: a?.sensitive === true },
      [name],
    ).map((c) => ({ ...c, path: prefix + c.path }));
    if (attributes.length === 0 && (b === undefined) === (a === undefined)) continue;
    out.push({ name: prefix + name, action: b === undefined ? 'create' : a === undefined ? 'delete' : 'update', attributes });
  }
  return out;
}

/** Facts about the state backend and providers, which no resource change shows. */
function settingsNotes(base: TerraformJson, head: TerraformJson, prefix: string): string[] {
  const notes: string[] = [];
  const where = prefix ? ` (${prefix.replace(/:$/, '')})` : '';
  const bb = (base.terraform as { backend?: unknown } | undefined)?.backend;
  const hb = (head.terraform as { backend?: unknown } | undefined)?.backend;
  if (bb !== undefined && hb !== undefined && !sameValue(bb, hb)) {
    const paths = attributeChanges({ before: bb, after: hb }).map((c) => c.path);
    notes.push(`The Terraform state backend changes${where} (${paths.join(', ')}): run terraform init -migrate-state, or Terraform starts from an empty state and creates everything again.`);
  }
  if (base.provider !== undefined && head.provider !== undefined && !sameValue(stripMetadata(base.provider), stripMetadata(head.provider))) {
    const paths = attributeChanges({ before: stripMetadata(base.provider), after: stripMetadata(head.provider) }).map((c) => c.path);
    notes.push(`Provider settings change${where} (${paths.join(', ')}): check the region and account before applying.`);
  }
  return notes;
}
