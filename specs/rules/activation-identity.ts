import type { Diagnostic } from '../diagnostics';
import { docsOf, SemanticRule } from './rule';

/** An activation's destination accepts the activation's identity namespace. */
export const activationIdentity: SemanticRule = {
  id: 'activation-identity',
  doc: "An Activation's identity namespace is one its Destination accepts.",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const a of docsOf(ctx, 'Activation')) {
      const dest = ctx.specs.byKind.Destination.get(a.spec.destination);
      if (!dest || !ctx.names.IdentityNamespace.has(a.spec.identity) || dest.spec.acceptsNamespaces.includes(a.spec.identity)) continue; // a missing namespace is dangling-reference's
      out.push(
        ctx.at(a, ['spec', 'identity'], `destination "${dest.metadata.name}" does not accept identity namespace "${a.spec.identity}": it accepts ${dest.spec.acceptsNamespaces.join(', ')}; change identity or add the namespace to the destination's acceptsNamespaces`),
      );
    }
    return out;
  },
};
