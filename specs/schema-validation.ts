// Structural checks with ajv (strict, all errors): the envelope of every document, then its
// `spec` against the schema of its kind. ajv errors become diagnostics that say what is wrong,
// the value found and the fix, positioned at the offending node.

import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { Diagnostic, PathSegment } from './diagnostics';
import { ENVELOPE_SCHEMA, specSchema } from './json-schemas';
import { diagnosticAt, SourceDocument } from './loader';
import { Kind, KINDS } from './model';
import { closest } from './suggest';

let compiled: { envelope: ValidateFunction; specs: Record<Kind, ValidateFunction>; raw: Record<Kind, Record<string, unknown>> } | undefined;

function validators(): NonNullable<typeof compiled> {
  if (!compiled) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    const specs = {} as Record<Kind, ValidateFunction>;
    const raw = {} as Record<Kind, Record<string, unknown>>;
    for (const k of KINDS) {
      raw[k] = specSchema(k);
      specs[k] = ajv.compile(raw[k]);
    }
    compiled = { envelope: ajv.compile(ENVELOPE_SCHEMA), specs, raw };
  }
  return compiled;
}

/** Checks the envelope; returns diagnostics and whether the document's kind is usable. */
export function checkEnvelope(doc: SourceDocument): Diagnostic[] {
  const v = validators().envelope;
  if (v(doc.value)) return [];
  return convertErrors(doc, doc.value, [], v.errors ?? [], ENVELOPE_SCHEMA);
}

/** ajv keywords whose failure leaves the shape rules rely on intact (enum and const are left out: a wrong `type` changes what a document is). */
const SHAPE_PRESERVING = new Set(['additionalProperties', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'propertyNames', 'false schema', 'if']);

export interface SpecCheck {
  readonly diagnostics: Diagnostic[];
  /**
   * True when the spec, though invalid, still has the shape semantic rules expect (only values
   * are out of range, or keys unknown): rules then still run on it, so every problem shows at once.
   */
  readonly shapeOk: boolean;
}

/** Checks `spec` (the value after overrides) against its kind's schema. */
export function checkSpec(doc: SourceDocument, kind: Kind, spec: unknown): SpecCheck {
  const { specs, raw } = validators();
  const v = specs[kind];
  if (v(spec)) return { diagnostics: [], shapeOk: true };
  const errors = v.errors ?? [];
  const root = { ...(doc.value as Record<string, unknown>), spec };
  return { diagnostics: convertErrors(doc, root, ['spec'], errors, raw[kind], kind), shapeOk: errors.every((e) => SHAPE_PRESERVING.has(e.keyword)) };
}

function pointerToSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 57) + '...' : value}"`;
  return String(value);
}

/** `a list`, `null`, `string "90"`, `number 1.5`: the found value, its type named once. */
function found(value: unknown): string {
  if (value === null || value === undefined || Array.isArray(value) || typeof value === 'object') return describe(value);
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'integer' : 'number'} ${value}`;
  if (typeof value === 'boolean') return `boolean ${value}`;
  return `string ${describe(value)}`;
}

function valueAt(root: unknown, segs: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

/** Resolve the schema node ajv's schemaPath points at (for listing allowed keys). */
function schemaAt(root: Record<string, unknown>, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = root;
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  for (const p of parts.slice(0, -1)) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
    else return undefined;
  }
  return node as Record<string, unknown> | undefined;
}

function resolveRef(root: Record<string, unknown>, node: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (node && typeof node.$ref === 'string') return schemaAt(root, node.$ref + '/x');
  return node;
}

function convertErrors(doc: SourceDocument, root: unknown, base: PathSegment[], errors: ErrorObject[], schema: Record<string, unknown>, kind?: Kind): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = kind ? `${kind} spec` : 'document';
  // Errors under a oneOf are reported once, as the oneOf itself.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'if') continue; // the `then` branch's own errors say what is wrong
    const segs = [...base, ...pointerToSegments(e.instancePath)];
    if (e.keyword !== 'oneOf' && [...oneOfPaths].some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'))) continue;
    const value = valueAt(root, segs);
    const at = segs.length ? segs.join('.') : 'the document';
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = (e.params as { additionalProperty: string }).additionalProperty;
        const parentSchema = resolveRef(schema, schemaAt(schema, e.schemaPath));
        const allowed = Object.keys((parentSchema?.properties as object) ?? {});
        const hint = closest(key, allowed);
        const fix = hint ? `did you mean "${hint}"?` : allowed.length ? `allowed keys: ${allowed.join(', ')}` : 'remove it';
        out.push(diagnosticAt(doc, [...segs, key], 'unknown-key', `unknown key "${key}" in ${segs.length ? at : where}: ${fix}`, { key: true }));
        break;
      }
      case 'required': {
        const key = (e.params as { missingProperty: string }).missingProperty;
        out.push(diagnosticAt(doc, segs, 'missing-key', `missing required key "${key}" in ${segs.length ? at : where}: add it`));
        break;
      }
      case 'type':
        out.push(diagnosticAt(doc, segs, 'wrong-type', `${at} must be ${article((e.params as { type: string }).type)}, found ${found(value)}`));
        break;
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        const hint = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
        out.push(
          diagnosticAt(doc, segs, 'invalid-value', `${at} is ${describe(value)}: expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`),
        );
        break;
      }
      case 'const':
        out.push(diagnosticAt(doc, segs, 'invalid-value', `${at} is ${describe(value)}: expected ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`));
        break;
      case 'pattern': {
        const pn = (e as ErrorObject & { propertyName?: string }).propertyName;
        if (pn !== undefined) {
          out.push(diagnosticAt(doc, [...segs, pn], 'invalid-format', `key "${pn}" in ${at} is not a valid field path: use dotted identifiers such as homeAddress.state`, { key: true }));
          break;
        }
        out.push(diagnosticAt(doc, segs, 'invalid-format', patternMessage(at, segs, value, (e.params as { pattern: string }).pattern)));
        break;
      }
      case 'propertyNames': {
        // the failing property name is reported by the nested pattern error (with propertyName)
        break;
      }
      case 'oneOf':
        out.push(diagnosticAt(doc, segs, 'invalid-value', `${at} is ${describe(value)}: expected a label code (e.g. THIRD_PARTY) or {anyOf: [...]} / {allOf: [...]} of label expressions`));
        break;
      case 'false schema': {
        // `properties: {x: false}` under an if/then: a block that the document's type excludes
        const parent = valueAt(root, segs.slice(0, -1)) as Record<string, unknown> | undefined;
        const key = String(segs[segs.length - 1]);
        const t = parent && typeof parent === 'object' ? (parent.type ?? parent.runtime) : undefined;
        out.push(diagnosticAt(doc, segs, 'conflicting-keys', `"${key}" is not allowed when type is ${JSON.stringify(t)}: remove "${key}" or change type`, { key: true }));
        break;
      }
      default: {
        const pn = (e as ErrorObject & { propertyName?: string }).propertyName;
        if (pn !== undefined) {
          out.push(diagnosticAt(doc, [...segs, pn], 'invalid-format', `key "${pn}" in ${at} is not a valid field path: use dotted identifiers such as homeAddress.state`, { key: true }));
        } else {
          out.push(diagnosticAt(doc, segs, 'invalid-value', `${at} is ${describe(value)}: ${e.message ?? 'invalid'}`));
        }
      }
    }
  }
  return out;
}

function article(t: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'null' };
  return t
    .split(',')
    .map((x) => words[x] ?? x)
    .join(' or ');
}

function patternMessage(at: string, segs: readonly PathSegment[], value: unknown, pattern: string): string {
  const last = segs[segs.length - 1];
  const v = describe(value);
  if (last === 'name' && segs[0] === 'metadata') return `metadata.name ${v} is not kebab-case: use 3-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit`;
  if (last === 'code' || pattern === '^[A-Z0-9_]+$') return `${at} ${v} is not a valid code: use A-Z, 0-9 and _ only (e.g. PARTNER_ID)`;
  if (last === 'hostKeyFingerprint') return `${at} ${v} is not a SHA256 fingerprint: use the form "SHA256:<43 base64 characters>" as printed by ssh-keygen -lf`;
  if (last === 'secretName') return `${at} ${v} is not a valid Secrets Manager name`;
  if (last === 'account') return `${at} ${v} is not an AWS account id: use 12 digits`;
  if (last === 'region') return `${at} ${v} is not an AWS region (e.g. eu-west-1)`;
  if (last === 'prefix') return `${at} ${v} must not start with "/" and must end with "/" (e.g. partners/acme/)`;
  if (last === 'path') return `${at} ${v} must be an absolute path starting with "/"`;
  if (last === 'startDate' || last === 'endDate') return `${at} ${v} is not a date: use YYYY-MM-DD`;
  if (last === 'roleArn') return `${at} ${v} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`;
  if (typeof last === 'string' && /^(schema|dataset|destination|identity|namespace)$/.test(last)) return `${at} ${v} is not a document name: names are kebab-case, 3-63 characters`;
  return `${at} ${v} does not match the pattern ${pattern}`;
}
