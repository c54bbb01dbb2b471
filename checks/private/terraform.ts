// Reading cdktf's Terraform JSON: list resources, follow "${type.name.attr}" references,
// normalize blocks (cdktf writes a nested block as an object or as an array of objects).

import type { Finding, TerraformAttributes, TerraformBlocks, TerraformJson } from '../types';

/** One resource or data source with its address. */
export interface TfNode {
  readonly type: string;
  readonly name: string;
  /** `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  readonly path?: string;
  readonly attrs: TerraformAttributes;
}

function nodesOf(section: TerraformBlocks | undefined, type: string, prefix: string): TfNode[] {
  const byName = section?.[type];
  if (!isObject(byName)) return [];
  return Object.entries(byName)
    .filter(([, attrs]) => isObject(attrs))
    .map(([name, attrs]) => ({ type, name, address: `${prefix}${type}.${name}`, path: constructPath(attrs), attrs }));
}

/** Every `resource.<type>` entry, in the order of the JSON. */
export function resources(tf: TerraformJson, type: string): TfNode[] {
  return nodesOf(tf.resource, type, '');
}

/** Every `data.<type>` entry, addressed `data.<type>.<name>`. */
export function dataSources(tf: TerraformJson, type: string): TfNode[] {
  return nodesOf(tf.data, type, 'data.');
}

/** The resource or data source at an address (`aws_x.y` or `data.aws_x.y`). */
export function nodeAt(tf: TerraformJson, address: string): TfNode | undefined {
  const parts = address.split('.');
  if (parts[0] === 'data' && parts.length === 3) return dataSources(tf, parts[1]).find((n) => n.name === parts[2]);
  if (parts.length === 2) return resources(tf, parts[0]).find((n) => n.name === parts[1]);
  return undefined;
}

function constructPath(attrs: TerraformAttributes): string | undefined {
  const meta = attrs['//'];
  if (!isObject(meta) || !isObject(meta.metadata)) return undefined;
  const path = meta.metadata.path;
  return typeof path === 'string' ? path : undefined;
}

/** A finding on a node, carrying its construct path. */
export function findingOn(rule: string, node: TfNode, message: string): Finding {
  return node.path === undefined
    ? { rule, address: node.address, message }
    : { rule, address: node.address, path: node.path, message };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A nested block as a list: `{...}` -> `[{...}]`, `[{...}, ...]` as is, anything else -> `[]`. */
export function blocks(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

/** The first (usually only) instance of a nested block. */
export function block(v: unknown): Record<string, unknown> | undefined {
  return blocks(v)[0];
}

/** True when a string holds a Terraform expression (reference, function call) rather than a literal. */
export function isExpression(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** A non-empty literal or expression string. */
export function isSet(v: unknown): boolean {
  return typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null;
}

/** `"${aws_s3_bucket.lake.id}"` -> `{ address: 'aws_s3_bucket.lake', attr: 'id' }`; anything else -> undefined. */
export function parseReference(v: unknown): { address: string; attr: string } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_.]+)\}$/.exec(v);
  return m ? { address: m[1], attr: m[2] } : undefined;
}

/** True when `v` is exactly a reference to one of `attrs` of `node`, e.g. `"${aws_s3_bucket.lake.id}"`. */
export function referencesNode(v: unknown, node: TfNode, attrs: readonly string[]): boolean {
  const ref = parseReference(v);
  return ref !== undefined && ref.address === node.address && attrs.includes(ref.attr);
}

/** Show a value in a message: strings quoted, the rest as JSON, `undefined` as "not set". */
export function show(v: unknown): string {
  return v === undefined ? 'not set' : JSON.stringify(v);
}
