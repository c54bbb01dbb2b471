import type { Diagnostic } from '../diagnostics';
import { CORE_LABELS } from '../model';
import { docsOf, SemanticRule } from './rule';

/** Identity namespace codes and label codes are unique; custom labels never reuse a core label code. */
export const duplicateCode: SemanticRule = {
  id: 'duplicate-code',
  doc: 'IdentityNamespace and Label codes are unique, and Labels do not redeclare core labels.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const kind of ['IdentityNamespace', 'Label'] as const) {
      const owner = new Map<string, string>();
      for (const d of docsOf(ctx, kind)) {
        const code = d.spec.code;
        if (kind === 'Label' && code in CORE_LABELS) {
          out.push(ctx.at(d, ['spec', 'code'], `label code "${code}" is a core label and is built in: remove this Label or choose another code`));
          continue;
        }
        const prev = owner.get(code);
        if (prev !== undefined) out.push(ctx.at(d, ['spec', 'code'], `${kind} code "${code}" is already used by "${prev}": codes must be unique`));
        else owner.set(code, d.metadata.name);
      }
    }
    return out;
  },
};
