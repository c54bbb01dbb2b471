// IAM policy documents (role, bucket and key policies) built up by grants and rendered at
// synth time. Rendering resolves references first and sorts everything, so the JSON does not
// depend on the order in which grants were made: adding a spec document never reorders a policy.

import { IResolveContext, Lazy } from 'cdktf';

export type Principal = '*' | { readonly AWS?: readonly string[]; readonly Service?: readonly string[] };

/** Condition operator (StringEquals, ArnLike, Bool...) -> condition key -> values. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface PolicyStatement {
  /** Unique within the document. Statements added twice under one sid are merged (see `add`). */
  readonly sid: string;
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  /** Only for resource policies (bucket, key). @default - none (identity policy) */
  readonly principal?: Principal;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** @default - unconditional */
  readonly conditions?: Conditions;
}

interface MutableStatement {
  sid: string;
  effect: 'Allow' | 'Deny';
  principal?: '*' | Record<string, Set<string>>;
  actions: Set<string>;
  resources: Set<string>;
  conditions: Record<string, Record<string, Set<string>>>;
}

export class PolicyDocument {
  private readonly statements = new Map<string, MutableStatement>();

  /**
   * Adds a statement. A second statement under the same sid must have the same effect,
   * actions and condition keys; its resources, principals and condition values are added to
   * the first (e.g. one `s3:ListBucket` statement listing every granted prefix).
   */
  add(statement: PolicyStatement): void {
    if (!/^[A-Za-z0-9]+$/.test(statement.sid)) throw new Error(`policy statement sid "${statement.sid}" must be alphanumeric`);
    if (statement.actions.some((a) => a === '*')) throw new Error(`policy statement ${statement.sid} grants action "*"; name the actions`);
    const existing = this.statements.get(statement.sid);
    const effect = statement.effect ?? 'Allow';
    if (!existing) {
      this.statements.set(statement.sid, {
        sid: statement.sid,
        effect,
        principal: statement.principal === undefined ? undefined : statement.principal === '*' ? '*' : toSets(statement.principal),
        actions: new Set(statement.actions),
        resources: new Set(statement.resources),
        conditions: Object.fromEntries(Object.entries(statement.conditions ?? {}).map(([op, keys]) => [op, toSets(keys)])),
      });
      return;
    }
    const sameActions = existing.actions.size === statement.actions.length && statement.actions.every((a) => existing.actions.has(a));
    const sameKeys = conditionKeys(existing.conditions) === conditionKeys(statement.conditions ?? {});
    if (existing.effect !== effect || !sameActions || !sameKeys) {
      throw new Error(`policy statement ${statement.sid} was added twice with different effect, actions or condition keys`);
    }
    for (const r of statement.resources) existing.resources.add(r);
    if (statement.principal !== undefined && statement.principal !== '*' && existing.principal !== '*') {
      existing.principal ??= {};
      for (const [type, values] of Object.entries(statement.principal)) {
        const set = (existing.principal[type] ??= new Set());
        for (const v of values ?? []) set.add(v);
      }
    }
    for (const [op, keys] of Object.entries(statement.conditions ?? {})) {
      for (const [key, values] of Object.entries(keys)) for (const v of values) existing.conditions[op][key].add(v);
    }
  }

  get isEmpty(): boolean {
    return this.statements.size === 0;
  }

  /** The document as a JSON string token, rendered when the stack is synthesized; throws then if it exceeds `limit`. */
  render(limit?: { readonly maxChars: number; readonly what: string }): string {
    return Lazy.stringValue({
      produce: (context: IResolveContext) => {
        const json = this.toJson((x) => context.resolve(x));
        if (limit && json.length > limit.maxChars) {
          const resources = [...this.statements.values()].reduce((n, st) => n + st.resources.size, 0);
          throw new Error(
            `${limit.what} is ${json.length} characters (${this.statements.size} statements, ${resources} resources), over the ${limit.maxChars} AWS allows; ` +
              'too many documents grant it access one by one (destinations, SFTP secrets, external buckets): split them over more environments',
          );
        }
        return json;
      },
    });
  }

  /** The rendered JSON: references resolved to `${...}` expressions (by `resolve`), every list sorted. */
  toJson(resolve: (value: unknown) => unknown): string {
    const sorted = (values: Iterable<string>) => [...new Set(resolve([...values]) as string[])].sort();
    const statements = [...this.statements.values()]
      .sort((a, b) => (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0))
      .map((s) => {
        const out: Record<string, unknown> = { Sid: s.sid, Effect: s.effect };
        if (s.principal !== undefined) {
          out.Principal =
            s.principal === '*'
              ? '*'
              : Object.fromEntries(Object.keys(s.principal).sort().map((type) => [type, sorted((s.principal as Record<string, Set<string>>)[type])]));
        }
        out.Action = sorted(s.actions);
        out.Resource = sorted(s.resources);
        if (Object.keys(s.conditions).length > 0) {
          out.Condition = Object.fromEntries(
            Object.keys(s.conditions)
              .sort()
              .map((op) => [op, Object.fromEntries(Object.keys(s.conditions[op]).sort().map((k) => [k, sorted(s.conditions[op][k])]))]),
          );
        }
        return out;
      });
    return JSON.stringify({ Version: '2012-10-17', Statement: statements });
  }
}

function toSets(record: Readonly<Record<string, readonly string[] | undefined>>): Record<string, Set<string>> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, new Set(v ?? [])]));
}

function conditionKeys(conditions: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string {
  return Object.keys(conditions)
    .sort()
    .map((op) => `${op}:${Object.keys(conditions[op]).sort().join(',')}`)
    .join(';');
}
