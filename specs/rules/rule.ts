// The shape of a semantic rule: a small pure function with an id and a line of docs.

import { parseRule, ParseResult } from '../../audience-rules/parser';
import type { Diagnostic, PathSegment, Severity } from '../diagnostics';
import type { Doc, Kind, SpecSet } from '../model';

export interface RuleContext {
  /** Documents whose envelope and spec passed the JSON Schemas, after environment overrides. */
  readonly specs: SpecSet;
  /** Names of every document with a readable kind and name, valid or not (for reference checks). */
  readonly names: { readonly [K in Kind]: ReadonlySet<string> };
  /** Every readable document, including those that failed their schema (for checks on raw values). */
  readonly rawDocs: readonly { readonly doc: Doc; readonly raw: unknown }[];
  /** A diagnostic at a path of a document (the path starts at the document root: ['spec', ...]). */
  at(doc: Doc, path: readonly PathSegment[], message: string, opts?: { severity?: Severity; key?: boolean; valueOffset?: number; code?: string }): Diagnostic;
}

export interface SemanticRule {
  /** Diagnostic code of the rule's findings. */
  readonly id: string;
  /** One line: what the rule enforces. */
  readonly doc: string;
  check(ctx: RuleContext): Diagnostic[];
}

/** Documents of a kind in name order. */
export function docsOf<K extends Kind>(ctx: RuleContext, kind: K): Doc<K>[] {
  return [...ctx.specs.byKind[kind].values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)) as Doc<K>[];
}

export function listNames(names: Iterable<string>, max = 8): string {
  const all = [...names].sort();
  if (all.length === 0) return '(none declared)';
  return all.length > max ? `${all.slice(0, max).join(', ')}, ... (${all.length} in all)` : all.join(', ');
}

const parsedRules = new WeakMap<Doc<'Audience'>, ParseResult>();

/** An audience's rule, parsed once per validation however many rules look at it. */
export function parsedRule(audience: Doc<'Audience'>): ParseResult {
  let r = parsedRules.get(audience);
  if (!r) {
    r = parseRule(audience.spec.rule);
    parsedRules.set(audience, r);
  }
  return r;
}
