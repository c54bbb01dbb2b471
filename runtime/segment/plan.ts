// What one segmentation run evaluates, resolved from the runtime manifest before any data is
// read: the audiences grouped by dataset (one pass over each dataset's profiles), each with its
// rule compiled to a SQL boolean by audience-rules (the same text DuckDB and Athena run).

import { compileToSql, fieldsUsed, parseRule, type SqlOptions } from '../../audience-rules';
import type { FieldSpec } from '../../specs/model';
import type { RuntimeManifest } from '../manifest';
import { AudienceRuleError, MissingDatasetError, UnknownAudienceError } from './errors';

export interface PlannedAudience {
  readonly name: string;
  readonly dataset: string;
  /** The rule as written in the spec. */
  readonly rule: string;
  /** The rule compiled to a SQL boolean expression that is never NULL. */
  readonly predicateSql: string;
  /** Field paths the rule reads. */
  readonly fields: readonly string[];
}

export interface DatasetSegmentation {
  readonly dataset: string;
  readonly schema: string;
  /** Field path of the schema's primary identity (e.g. `partnerId`): the member key. */
  readonly identityField: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Sorted by name. */
  readonly audiences: readonly PlannedAudience[];
}

/**
 * Plans the named audiences (duplicates ignored). Every audience is checked before any is run:
 * an unknown name or a rule that does not compile fails the whole plan.
 */
export function planSegmentation(manifest: RuntimeManifest, names: readonly string[], sql: SqlOptions = {}): DatasetSegmentation[] {
  const known = Object.keys(manifest.audiences).sort();
  const byDataset = new Map<string, { schema: string; identityField: string; fields: Readonly<Record<string, FieldSpec>>; audiences: PlannedAudience[] }>();
  for (const name of [...new Set(names)].sort()) {
    const audience = manifest.audiences[name];
    if (!audience) throw new UnknownAudienceError(name, known);
    const dataset = manifest.datasets[audience.dataset];
    const schema = dataset && manifest.schemas[dataset.schema];
    if (!dataset || !schema) throw new MissingDatasetError(name, audience.dataset);
    const parsed = parseRule(audience.rule);
    if (!parsed.ok) throw new AudienceRuleError(name, `rule does not parse: ${parsed.error.message}`);
    let predicateSql: string;
    try {
      predicateSql = compileToSql(parsed.rule, schema.allFields, sql);
    } catch (e) {
      throw new AudienceRuleError(name, (e as Error).message);
    }
    let group = byDataset.get(audience.dataset);
    if (!group) {
      group = { schema: dataset.schema, identityField: schema.primaryIdentity.field, fields: schema.allFields, audiences: [] };
      byDataset.set(audience.dataset, group);
    }
    group.audiences.push({ name, dataset: audience.dataset, rule: audience.rule, predicateSql, fields: fieldsUsed(parsed.rule) });
  }
  return [...byDataset.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dataset, g]) => ({ dataset, ...g }));
}
