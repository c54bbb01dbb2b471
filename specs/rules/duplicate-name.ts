import type { Diagnostic } from '../diagnostics';
import type { Kind } from '../model';
import type { SemanticRule } from './rule';

/** Names are unique within their kind: a second document of the same kind and name is an error. */
export const duplicateName: SemanticRule = {
  id: 'duplicate-name',
  doc: 'metadata.name is unique within its kind.',
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Map<string, string>();
    for (const { doc } of ctx.rawDocs) {
      const key = `${doc.kind}/${doc.metadata.name}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, 'seen');
        continue;
      }
      out.push(ctx.at(doc, ['metadata', 'name'], `${doc.kind as Kind} "${doc.metadata.name}" is declared more than once: rename one of them or remove the duplicate`));
    }
    return out;
  },
};
