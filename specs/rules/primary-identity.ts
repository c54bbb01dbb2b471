import type { Diagnostic } from '../diagnostics';
import { allFields } from '../model';
import { closest } from '../suggest';
import { docsOf, SemanticRule } from './rule';

/** A prospect schema's primary identity is a string field of the schema in a namespace of type partner. */
export const primaryIdentity: SemanticRule = {
  id: 'primary-identity',
  doc: "A prospect schema's primaryIdentity names an existing string field and an IdentityNamespace of type partner.",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const d of docsOf(ctx, 'Schema')) {
      const { field, namespace } = d.spec.primaryIdentity;
      const fields = allFields(d.spec);
      if (!Object.hasOwn(fields, field)) {
        const hint = closest(field, Object.keys(fields));
        out.push(ctx.at(d, ['spec', 'primaryIdentity', 'field'], `primary identity field "${field}" is not a field of schema "${d.metadata.name}": ${hint ? `did you mean "${hint}"?` : 'declare it under fields or use partnerId'}`));
      } else if (fields[field].type !== 'string') {
        out.push(ctx.at(d, ['spec', 'primaryIdentity', 'field'], `primary identity field "${field}" has type ${fields[field].type}: identities are strings`));
      }
      const ns = ctx.specs.byKind.IdentityNamespace.get(namespace);
      if (ns && d.spec.class === 'individual-prospect-profile' && ns.spec.type !== 'partner') {
        out.push(ctx.at(d, ['spec', 'primaryIdentity', 'namespace'], `primary identity namespace "${namespace}" has type ${ns.spec.type}: a prospect schema's primary identity must be a namespace of type partner`));
      }
    }
    return out;
  },
};
