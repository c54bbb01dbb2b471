import type { Diagnostic, PathSegment } from '../diagnostics';
import type { Doc, Kind } from '../model';
import { closest } from '../suggest';
import { docsOf, listNames, RuleContext, SemanticRule } from './rule';

/** Every reference to another document resolves; reported at the referring node. */
export const danglingReference: SemanticRule = {
  id: 'dangling-reference',
  doc: 'Every reference (dataset, schema, namespace, audience, destination) names an existing document of the right kind.',
  check(ctx) {
    const out: Diagnostic[] = [];
    const ref = (doc: Doc, path: PathSegment[], kind: Kind, name: string): void => {
      if (ctx.names[kind].has(name)) return;
      out.push(ctx.at(doc, path, missing(ctx, kind, name)));
    };
    for (const d of docsOf(ctx, 'Schema')) ref(d, ['spec', 'primaryIdentity', 'namespace'], 'IdentityNamespace', d.spec.primaryIdentity.namespace);
    for (const d of docsOf(ctx, 'Dataset')) ref(d, ['spec', 'schema'], 'Schema', d.spec.schema);
    for (const d of docsOf(ctx, 'Source')) ref(d, ['spec', 'dataset'], 'Dataset', d.spec.dataset);
    for (const d of docsOf(ctx, 'Audience')) ref(d, ['spec', 'dataset'], 'Dataset', d.spec.dataset);
    for (const d of docsOf(ctx, 'Destination')) d.spec.acceptsNamespaces.forEach((n, i) => ref(d, ['spec', 'acceptsNamespaces', i], 'IdentityNamespace', n));
    for (const d of docsOf(ctx, 'Activation')) {
      ref(d, ['spec', 'destination'], 'Destination', d.spec.destination);
      ref(d, ['spec', 'identity'], 'IdentityNamespace', d.spec.identity);
      d.spec.audiences.forEach((a, i) => ref(d, ['spec', 'audiences', i], 'Audience', a));
    }
    return out;
  },
};

export function missing(ctx: RuleContext, kind: Kind, name: string): string {
  const known = [...ctx.names[kind]];
  const hint = closest(name, known);
  return `${kind} "${name}" does not exist: ${hint ? `did you mean "${hint}"? ` : ''}declared ${kind}s: ${listNames(known)}`;
}
