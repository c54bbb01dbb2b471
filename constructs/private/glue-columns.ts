// Glue columns of a dataset's table, from its schema: one column per field (class fields
// first, then declared ones), with the Glue type of the field's type and the labels it carries.

import { glueColumnName } from '../../runtime/layout';
import { allFields, FieldType, labelsOfField, SchemaSpec } from '../../specs/model';

export { glueColumnName };

export const GLUE_TYPES: Readonly<Record<FieldType, string>> = {
  string: 'string',
  integer: 'bigint',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamp',
};

export interface GlueColumn {
  /** Glue column name: the field path, lower-cased, with `.` as `_` (Glue stores names lower-case). */
  readonly name: string;
  /** The schema field path it holds. */
  readonly field: string;
  readonly type: string;
  readonly labels: readonly string[];
  readonly comment?: string;
}

/** Throws when two fields map to one column name (e.g. `homeAddress.zip` and `homeaddress_zip`). */
export function glueColumns(schema: SchemaSpec, where: string): GlueColumn[] {
  const seen = new Map<string, string>();
  const out: GlueColumn[] = [];
  for (const [field, spec] of Object.entries(allFields(schema))) {
    const name = glueColumnName(field);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new Error(`${where}: fields "${other}" and "${field}" both become Glue column "${name}" (Glue names are lower-case, "." becomes "_"); rename one of them`);
    }
    seen.set(name, field);
    out.push({ name, field, type: GLUE_TYPES[spec.type], labels: labelsOfField(schema, field), comment: spec.description });
  }
  return out;
}
