import type { Diagnostic } from '../diagnostics';
import { allFields } from '../model';
import { closest } from '../suggest';
import { docsOf, SemanticRule } from './rule';

/** A source maps file columns to distinct fields of its dataset's schema, including the primary identity and every required field. */
export const sourceMapping: SemanticRule = {
  id: 'source-mapping',
  doc: "A Source's mapping targets distinct fields of its dataset's schema and covers the primary identity and required fields.",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const s of docsOf(ctx, 'Source')) {
      const ds = ctx.specs.byKind.Dataset.get(s.spec.dataset);
      const schema = ds && ctx.specs.byKind.Schema.get(ds.spec.schema);
      if (!schema) continue;
      const fields = allFields(schema.spec);
      const names = Object.keys(fields);
      const targetOf = new Map<string, string>();
      for (const [column, field] of Object.entries(s.spec.mapping)) {
        if (!Object.hasOwn(fields, field)) {
          const hint = closest(field, names);
          out.push(ctx.at(s, ['spec', 'mapping', column], `column "${column}" maps to "${field}", which is not a field of schema "${schema.metadata.name}"${hint ? `: did you mean "${hint}"?` : ''}`));
          continue;
        }
        const prev = targetOf.get(field);
        if (prev !== undefined) out.push(ctx.at(s, ['spec', 'mapping', column], `columns "${prev}" and "${column}" both map to field "${field}": map each field once`));
        else targetOf.set(field, column);
      }
      const needed = [schema.spec.primaryIdentity.field, ...Object.entries(schema.spec.fields).filter(([, f]) => f.required).map(([n]) => n)];
      for (const f of [...new Set(needed)]) {
        if (Object.hasOwn(fields, f) && !targetOf.has(f)) {
          const why = f === schema.spec.primaryIdentity.field ? 'the primary identity' : 'a required field';
          out.push(ctx.at(s, ['spec', 'mapping'], `no column maps to "${f}", ${why} of schema "${schema.metadata.name}": every row would be rejected; add a mapping for it`));
        }
      }
    }
    return out;
  },
};
