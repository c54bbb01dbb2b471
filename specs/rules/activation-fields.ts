import type { Diagnostic } from '../diagnostics';
import { allFields, Doc } from '../model';
import { closest } from '../suggest';
import { docsOf, SemanticRule } from './rule';

/** Exported attributes and dedup keys are fields of the schema of every audience the activation exports. */
export const activationFields: SemanticRule = {
  id: 'activation-fields',
  doc: "An Activation's attributes and dedupKeys are fields of its audiences' schema (dedupKeys may also name the identity namespace).",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const a of docsOf(ctx, 'Activation')) {
      const schemas = new Map<string, Doc<'Schema'>>();
      for (const name of a.spec.audiences) {
        const aud = ctx.specs.byKind.Audience.get(name);
        const ds = aud && ctx.specs.byKind.Dataset.get(aud.spec.dataset);
        const schema = ds && ctx.specs.byKind.Schema.get(ds.spec.schema);
        if (schema) schemas.set(schema.metadata.name, schema);
      }
      if (schemas.size > 1) {
        out.push(ctx.at(a, ['spec', 'audiences'], `audiences of one activation must share a schema; found ${[...schemas.keys()].sort().join(', ')}: split the activation per schema`));
        continue;
      }
      const schema = [...schemas.values()][0];
      if (!schema) continue;
      const fields = Object.keys(allFields(schema.spec));
      a.spec.attributes.forEach((f, i) => {
        if (!fields.includes(f)) out.push(ctx.at(a, ['spec', 'attributes', i], unknown(f, schema.metadata.name, fields)));
      });
      (a.spec.dedupKeys ?? []).forEach((k, i) => {
        if (k === a.spec.identity) return;
        if (!fields.includes(k)) out.push(ctx.at(a, ['spec', 'dedupKeys', i], unknown(k, schema.metadata.name, fields)));
        else if (!a.spec.attributes.includes(k)) out.push(ctx.at(a, ['spec', 'dedupKeys', i], `dedup key "${k}" is not exported: add it to attributes or use the identity "${a.spec.identity}"`));
      });
    }
    return out;
  },
};

function unknown(f: string, schema: string, fields: string[]): string {
  const hint = closest(f, fields);
  return `field "${f}" is not in schema "${schema}"${hint ? `: did you mean "${hint}"?` : ''}`;
}
