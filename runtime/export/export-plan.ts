// What exporting one Activation means, resolved from the runtime manifest before any data is
// read: the dataset and identity, the output columns, the dedup columns and the file options.
//
// Columns: the identity first, named by the identity namespace's code (e.g. PARTNER_ID: the
// partner's key, as the destination's acceptsNamespaces names it), then the listed attributes
// in the order given, each named by its field path (e.g. homeAddress.postalCode). Nothing else.

import { fieldsUsed, parseRule } from '../../audience-rules';
import type { DestinationFile, DestinationSpec, FieldType } from '../../specs/model';
import { DEFAULT_NAME_TEMPLATE } from '../../specs/name-template';
import type { RuntimeManifest } from '../manifest';
import { CsvFormat, csvFormat } from './csv-writer';
import { ExportConfigError } from './errors';

export interface ExportColumn {
  /** Column name in the file. */
  readonly name: string;
  readonly field: string;
  readonly type: FieldType;
}

export interface ResolvedFile {
  readonly format: DestinationFile['format'];
  readonly compression: 'none' | 'gzip';
  /** Set for csv. */
  readonly csv?: CsvFormat;
  readonly nameTemplate: string;
  /** @default - no limit */
  readonly maxRowsPerFile?: number;
}

export interface ActivationPlan {
  readonly activation: string;
  readonly destinationName: string;
  readonly destination: DestinationSpec;
  readonly dataset: string;
  readonly identityNamespace: string;
  readonly identityField: string;
  readonly columns: readonly ExportColumn[];
  /** Field paths that identify a duplicate row; empty means no de-duplication. */
  readonly dedupFields: readonly string[];
  /** In the order listed. */
  readonly audiences: readonly string[];
  /** Every field the activation uses (its audiences' rules) or exports, sorted: what the policies are checked on. */
  readonly touchedFields: readonly string[];
  readonly file: ResolvedFile;
}

export function planActivation(manifest: RuntimeManifest, name: string): ActivationPlan {
  const a = manifest.activations[name];
  if (!a) throw new ExportConfigError(`activation ${JSON.stringify(name)} is not in the runtime manifest: known activations are ${Object.keys(manifest.activations).sort().join(', ') || '(none)'}`);
  const where = `activation ${JSON.stringify(name)}`;
  const destination = manifest.destinations[a.destination];
  if (!destination) throw new ExportConfigError(`${where} exports to destination ${JSON.stringify(a.destination)}, which is not in the runtime manifest`);
  const namespace = manifest.namespaces[a.identity];
  if (!namespace) throw new ExportConfigError(`${where}: identity namespace ${JSON.stringify(a.identity)} is not in the runtime manifest`);
  if (!destination.acceptsNamespaces.includes(a.identity)) {
    throw new ExportConfigError(`${where}: destination ${JSON.stringify(a.destination)} does not accept identity namespace ${JSON.stringify(a.identity)} (it accepts ${destination.acceptsNamespaces.join(', ')})`);
  }
  if (a.audiences.length === 0) throw new ExportConfigError(`${where} lists no audiences`);

  const datasets = new Set<string>();
  const touched = new Set<string>();
  for (const audienceName of a.audiences) {
    const audience = manifest.audiences[audienceName];
    if (!audience) throw new ExportConfigError(`${where} exports audience ${JSON.stringify(audienceName)}, which is not in the runtime manifest`);
    datasets.add(audience.dataset);
    const parsed = parseRule(audience.rule);
    if (!parsed.ok) throw new ExportConfigError(`${where}: the rule of audience ${JSON.stringify(audienceName)} does not parse: ${parsed.error.message}`);
    for (const f of fieldsUsed(parsed.rule)) touched.add(f);
  }
  if (datasets.size !== 1) throw new ExportConfigError(`${where}: its audiences read different datasets (${[...datasets].sort().join(', ')}); split the activation per dataset`);
  const dataset = [...datasets][0];
  const ds = manifest.datasets[dataset];
  const schema = ds && manifest.schemas[ds.schema];
  if (!schema) throw new ExportConfigError(`${where}: dataset ${JSON.stringify(dataset)} or its schema is not in the runtime manifest`);
  if (schema.primaryIdentity.namespace !== a.identity) {
    throw new ExportConfigError(`${where}: identity ${JSON.stringify(a.identity)} is not the primary identity of schema ${JSON.stringify(ds.schema)} (${schema.primaryIdentity.namespace}); only the primary identity can be exported`);
  }
  const identityField = schema.primaryIdentity.field;
  touched.add(identityField);

  const columns: ExportColumn[] = [{ name: namespace.code, field: identityField, type: schema.allFields[identityField].type }];
  for (const f of a.attributes) {
    const spec = schema.allFields[f];
    if (!spec) throw new ExportConfigError(`${where}: attribute ${JSON.stringify(f)} is not a field of schema ${JSON.stringify(ds.schema)}`);
    if (columns.some((c) => c.name === f)) throw new ExportConfigError(`${where}: attribute ${JSON.stringify(f)} is listed twice`);
    columns.push({ name: f, field: f, type: spec.type });
    touched.add(f);
  }
  const dedupFields = (a.dedupKeys ?? []).map((k) => {
    if (k === a.identity) return identityField;
    if (!a.attributes.includes(k)) throw new ExportConfigError(`${where}: dedup key ${JSON.stringify(k)} is neither the identity ${JSON.stringify(a.identity)} nor an exported attribute`);
    return k;
  });

  const f = destination.file;
  if (f.maxRowsPerFile !== undefined && (!Number.isSafeInteger(f.maxRowsPerFile) || f.maxRowsPerFile < 1)) {
    throw new ExportConfigError(`destination ${JSON.stringify(a.destination)}: maxRowsPerFile must be a positive integer, got ${f.maxRowsPerFile}`);
  }
  let csv: CsvFormat | undefined;
  try {
    csv = f.format === 'csv' ? csvFormat(f.csv) : undefined;
  } catch (e) {
    throw new ExportConfigError(`destination ${JSON.stringify(a.destination)}: ${(e as Error).message}`);
  }
  return {
    activation: name,
    destinationName: a.destination,
    destination,
    dataset,
    identityNamespace: a.identity,
    identityField,
    columns,
    dedupFields: [...new Set(dedupFields)],
    audiences: [...a.audiences],
    touchedFields: [...touched].sort(),
    file: { format: f.format, compression: f.compression ?? 'none', csv, nameTemplate: f.nameTemplate ?? DEFAULT_NAME_TEMPLATE, maxRowsPerFile: f.maxRowsPerFile },
  };
}
