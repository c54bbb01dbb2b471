import type { Diagnostic, PathSegment } from '../diagnostics';
import { CORE_LABELS, Doc, LabelExpression } from '../model';
import { closest } from '../suggest';
import { docsOf, RuleContext, SemanticRule } from './rule';

/** Labels used by schemas and policies are core labels or declared Labels. */
export const unknownLabel: SemanticRule = {
  id: 'unknown-label',
  doc: 'Label codes in Schema.labels and Policy.deny are core labels or declared Label codes.',
  check(ctx) {
    const out: Diagnostic[] = [];
    const known = knownLabels(ctx);
    const check = (doc: Doc, path: PathSegment[], code: string): void => {
      if (known.has(code)) return;
      const hint = closest(code, [...known]);
      out.push(ctx.at(doc, path, `label "${code}" is neither a core label nor a declared Label: ${hint ? `did you mean "${hint}"? ` : ''}declare it with kind Label or use a core label (C1-C12, I1, I2, S1, S2, PSPD, RHD, THIRD_PARTY)`));
    };
    for (const d of docsOf(ctx, 'Schema')) {
      for (const [field, codes] of Object.entries(d.spec.labels ?? {})) codes.forEach((c, i) => check(d, ['spec', 'labels', field, i], c));
    }
    for (const d of docsOf(ctx, 'Policy')) walkExpression(d.spec.deny, ['spec', 'deny'], (code, path) => check(d, path, code));
    return out;
  },
};

export function knownLabels(ctx: RuleContext): Set<string> {
  return new Set([...Object.keys(CORE_LABELS), ...docsOf(ctx, 'Label').map((l) => l.spec.code)]);
}

export function walkExpression(e: LabelExpression, path: PathSegment[], visit: (code: string, path: PathSegment[]) => void): void {
  if (typeof e === 'string') visit(e, path);
  else if ('anyOf' in e) e.anyOf.forEach((x, i) => walkExpression(x, [...path, 'anyOf', i], visit));
  else e.allOf.forEach((x, i) => walkExpression(x, [...path, 'allOf', i], visit));
}
