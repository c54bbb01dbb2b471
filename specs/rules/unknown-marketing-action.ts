import type { Diagnostic } from '../diagnostics';
import { CORE_MARKETING_ACTIONS, Doc } from '../model';
import { closest } from '../suggest';
import { docsOf, SemanticRule } from './rule';

/** Marketing actions named by policies and destinations are core marketing actions. */
export const unknownMarketingAction: SemanticRule = {
  id: 'unknown-marketing-action',
  doc: 'Policy and Destination marketingActions name core marketing actions.',
  check(ctx) {
    const out: Diagnostic[] = [];
    const check = (doc: Doc, actions: readonly string[]): void => {
      actions.forEach((a, i) => {
        if (CORE_MARKETING_ACTIONS.includes(a)) return;
        const hint = closest(a, CORE_MARKETING_ACTIONS);
        out.push(ctx.at(doc, ['spec', 'marketingActions', i], `marketing action "${a}" is unknown: ${hint ? `did you mean "${hint}"? ` : ''}use one of ${CORE_MARKETING_ACTIONS.join(', ')}`));
      });
    };
    for (const d of docsOf(ctx, 'Policy')) check(d, d.spec.marketingActions);
    for (const d of docsOf(ctx, 'Destination')) check(d, d.spec.marketingActions);
    return out;
  },
};
