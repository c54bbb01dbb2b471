// IAM policy documents in the two forms cdktf writes: a JSON string (JSON.stringify of a
// policy, references inside strings), or a data.aws_iam_policy_document with statement blocks.
// Both are normalized to the same Statement shape.

import type { TerraformJson } from '../types';
import { blocks, dataSources, isObject, nodeAt, parseReference, resources, type TfNode } from './terraform';

export interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface Statement {
  /** Position in the document, for messages. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Principal identifiers (`*` for `"Principal": "*"`); empty for identity policies. */
  readonly principals: readonly string[];
  /** True when the statement has Principal or NotPrincipal: a resource policy (bucket, key, trust). */
  readonly hasPrincipal: boolean;
  readonly conditions: readonly Condition[];
}

export type ResolvedPolicy =
  | { readonly kind: 'statements'; readonly statements: readonly Statement[] }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** A policy attribute value: a JSON string, or a reference to a data.aws_iam_policy_document's `json`. */
export function resolvePolicy(tf: TerraformJson, value: unknown): ResolvedPolicy {
  const doc = policyDocumentReferenced(tf, value);
  if (doc !== undefined) return { kind: 'statements', statements: documentStatements(doc) };
  if (typeof value !== 'string') return { kind: 'unreadable', reason: `expected a JSON string, got ${typeof value}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { kind: 'unreadable', reason: `not JSON: ${value.length > 60 ? value.slice(0, 57) + '...' : value}` };
  }
  if (!isObject(parsed)) return { kind: 'unreadable', reason: 'the JSON is not an object' };
  return { kind: 'statements', statements: jsonStatements(parsed.Statement) };
}

/** The data.aws_iam_policy_document that `"${data.aws_iam_policy_document.x.json}"` refers to. */
export function policyDocumentReferenced(tf: TerraformJson, value: unknown): TfNode | undefined {
  const ref = parseReference(value);
  if (ref === undefined || !['json', 'minified_json'].includes(ref.attr)) return undefined;
  const node = nodeAt(tf, ref.address);
  return node?.type === 'aws_iam_policy_document' && node.address.startsWith('data.') ? node : undefined;
}

function list(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

// JSON conditions may hold booleans (`"aws:SecureTransport": false`); compare them as strings.
function conditionValues(v: unknown): string[] {
  const raw = Array.isArray(v) ? v : [v];
  return raw.filter((x) => typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number').map(String);
}

function jsonStatements(v: unknown): Statement[] {
  const raw = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return raw.filter(isObject).map((s, index) => {
    const principals: string[] = [];
    for (const p of [s.Principal, s.NotPrincipal]) {
      if (p === '*') principals.push('*');
      else if (isObject(p)) for (const ids of Object.values(p)) principals.push(...list(ids));
    }
    const conditions: Condition[] = [];
    if (isObject(s.Condition)) {
      for (const [test, vars] of Object.entries(s.Condition)) {
        if (!isObject(vars)) continue;
        for (const [variable, values] of Object.entries(vars)) conditions.push({ test, variable, values: conditionValues(values) });
      }
    }
    return {
      index,
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: list(s.Resource),
      notResources: list(s.NotResource),
      principals,
      hasPrincipal: s.Principal !== undefined || s.NotPrincipal !== undefined,
      conditions,
    };
  });
}

/** Statements of a data.aws_iam_policy_document (`effect` defaults to Allow, as in Terraform). */
export function documentStatements(doc: TfNode): Statement[] {
  return blocks(doc.attrs.statement).map((s, index) => {
    const principalBlocks = [...blocks(s.principals), ...blocks(s.not_principals)];
    return {
      index,
      sid: typeof s.sid === 'string' ? s.sid : undefined,
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(s.actions),
      notActions: list(s.not_actions),
      resources: list(s.resources),
      notResources: list(s.not_resources),
      principals: principalBlocks.flatMap((p) => list(p.identifiers)),
      hasPrincipal: principalBlocks.length > 0,
      conditions: blocks(s.condition).map((c) => ({
        test: typeof c.test === 'string' ? c.test : '',
        variable: typeof c.variable === 'string' ? c.variable : '',
        values: list(c.values),
      })),
    };
  });
}

/** An identity policy (attached to a role, user or group, or a managed policy) found in the stack. */
export interface IdentityPolicy {
  readonly node: TfNode;
  /** Which policy of the node, for messages: `policy` or `inline_policy "name"`. */
  readonly label: string;
  readonly policy: ResolvedPolicy;
}

const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/**
 * Every identity policy: policy resources, aws_iam_role inline_policy blocks, and every
 * data.aws_iam_policy_document. A policy attribute that only references a policy document is
 * skipped: the document itself is listed, so its findings land on the document's address.
 * Statements with a principal (bucket, key and trust policies) are left for the caller to skip.
 */
export function identityPolicies(tf: TerraformJson): IdentityPolicy[] {
  const out: IdentityPolicy[] = [];
  const add = (node: TfNode, label: string, value: unknown): void => {
    if (policyDocumentReferenced(tf, value) !== undefined) return;
    out.push({ node, label, policy: resolvePolicy(tf, value) });
  };
  for (const type of POLICY_RESOURCES) for (const node of resources(tf, type)) add(node, 'policy', node.attrs.policy);
  for (const role of resources(tf, 'aws_iam_role')) {
    for (const inline of blocks(role.attrs.inline_policy)) {
      // An empty inline_policy block is how Terraform says "no inline policies".
      if (inline.policy === undefined) continue;
      add(role, `inline_policy ${JSON.stringify(inline.name ?? '')}`, inline.policy);
    }
  }
  for (const doc of dataSources(tf, 'aws_iam_policy_document')) {
    out.push({ node: doc, label: 'policy document', policy: { kind: 'statements', statements: documentStatements(doc) } });
  }
  return out;
}

/** `statement 2 ("ReadLake")` for messages. */
export function describeStatement(s: Statement): string {
  return s.sid ? `statement ${s.index} (${JSON.stringify(s.sid)})` : `statement ${s.index}`;
}
