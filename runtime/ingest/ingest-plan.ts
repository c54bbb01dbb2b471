// What ingesting one Source means, resolved from the runtime manifest once: the dataset, its
// schema, and each mapped file column with the field it fills. Mistakes in the mapping are
// reported here, all at once, before a file is read.

import { createHash } from 'node:crypto';
import type { FieldSpec, FieldType } from '../../specs/model';
import { ManifestDataset, ManifestSchema, ManifestSource, RuntimeManifest, stableStringify } from '../manifest';
import { PLATFORM_FIELDS } from './value-rules';

export interface MappedColumn {
  /** File column name, JSON key, or (CSV without header) 1-based column position as text. */
  readonly column: string;
  readonly field: string;
  readonly spec: FieldSpec;
  readonly isIdentity: boolean;
}

export interface DatasetField {
  readonly path: string;
  readonly type: FieldType;
}

export interface IngestPlan {
  readonly sourceName: string;
  readonly source: ManifestSource;
  readonly datasetName: string;
  readonly dataset: ManifestDataset;
  readonly schemaName: string;
  readonly schema: ManifestSchema;
  readonly identityField: string;
  /** Mapped columns in mapping order: the order reasons are listed in. */
  readonly columns: readonly MappedColumn[];
  /** Every field of the schema, in the column order of the dataset's Parquet files. */
  readonly datasetFields: readonly DatasetField[];
  /**
   * Hash of everything that decides a file's outcome (schema, mapping, format, threshold): a
   * stored batch with the same rules version needs no second run.
   */
  readonly rulesVersion: string;
  /** Percent; `@default 10`. */
  readonly errorThreshold: number;
}

export class IngestPlanError extends Error {
  override readonly name = 'IngestPlanError';
  constructor(
    readonly sourceName: string,
    readonly problems: readonly string[],
  ) {
    super(`source ${sourceName} cannot be ingested:\n  - ${problems.join('\n  - ')}`);
  }
}

export const DEFAULT_ERROR_THRESHOLD = 10;

export function planIngest(manifest: RuntimeManifest, sourceName: string): IngestPlan {
  const source = manifest.sources[sourceName];
  if (!source) {
    const known = Object.keys(manifest.sources);
    throw new IngestPlanError(sourceName, [`no Source named ${sourceName}; sources in this environment: ${known.length ? known.join(', ') : '(none)'}`]);
  }
  const dataset = manifest.datasets[source.dataset];
  if (!dataset) throw new IngestPlanError(sourceName, [`its dataset ${source.dataset} is not declared: add a Dataset named ${source.dataset} or fix spec.dataset`]);
  const schema = manifest.schemas[dataset.schema];
  if (!schema) throw new IngestPlanError(sourceName, [`dataset ${source.dataset} uses schema ${dataset.schema}, which is not declared`]);

  const problems: string[] = [];
  const identityField = schema.primaryIdentity.field;
  const positional = source.format.type === 'csv' && source.format.header === false;
  const byField = new Map<string, string>();
  const columns: MappedColumn[] = [];
  for (const [column, field] of Object.entries(source.mapping)) {
    const spec = schema.allFields[field];
    if (!spec) {
      problems.push(`mapping ${column} -> ${field}: schema ${dataset.schema} has no field ${field}; fields: ${Object.keys(schema.allFields).join(', ')}`);
      continue;
    }
    if (PLATFORM_FIELDS.includes(field)) {
      problems.push(`mapping ${column} -> ${field}: ${field} is filled by the platform; map the column to another field or drop it`);
      continue;
    }
    if (positional && !/^[1-9][0-9]*$/.test(column)) {
      problems.push(`mapping ${column} -> ${field}: the file has no header (format.header: false), so mapping keys are 1-based column positions such as "1"`);
      continue;
    }
    const other = byField.get(field);
    if (other !== undefined) {
      problems.push(`mapping ${column} -> ${field}: column ${other} already fills ${field}; map one column per field`);
      continue;
    }
    byField.set(field, column);
    columns.push({ column, field, spec, isIdentity: field === identityField });
  }
  if (!byField.has(identityField)) {
    problems.push(`no column is mapped to the primary identity ${identityField}: add "<file column>: ${identityField}" to spec.mapping`);
  }
  for (const [field, spec] of Object.entries(schema.allFields)) {
    if (spec.required && !byField.has(field)) problems.push(`required field ${field} is not mapped: add "<file column>: ${field}" to spec.mapping`);
  }
  if (problems.length) throw new IngestPlanError(sourceName, problems);

  const errorThreshold = source.errorThreshold ?? DEFAULT_ERROR_THRESHOLD;
  const rulesVersion = createHash('sha256')
    .update(stableStringify({ schema: schema.version, mapping: source.mapping, format: source.format, errorThreshold, identity: schema.primaryIdentity }))
    .digest('hex')
    .slice(0, 12);
  return {
    sourceName,
    source,
    datasetName: source.dataset,
    dataset,
    schemaName: dataset.schema,
    schema,
    identityField,
    columns,
    datasetFields: Object.entries(schema.allFields).map(([path, spec]) => ({ path, type: spec.type })),
    rulesVersion,
    errorThreshold,
  };
}
