import type { Diagnostic } from '../diagnostics';
import { labelsOfField, THIRD_PARTY } from '../model';
import { docsOf, SemanticRule } from './rule';

/** Every field of a prospect schema carries THIRD_PARTY. */
export const thirdPartyLabel: SemanticRule = {
  id: 'third-party-label',
  doc: 'Every field of an individual-prospect-profile schema carries the THIRD_PARTY label.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const d of docsOf(ctx, 'Schema')) {
      if (d.spec.class !== 'individual-prospect-profile') continue;
      const missing = Object.keys(d.spec.fields).filter((f) => !labelsOfField(d.spec, f).includes(THIRD_PARTY));
      for (const f of missing) {
        out.push(ctx.at(d, ['spec', 'fields', f], `field "${f}" of prospect schema "${d.metadata.name}" does not carry ${THIRD_PARTY}: add it under labels (labels: {"*": [${THIRD_PARTY}]} labels every field)`, { key: true }));
      }
    }
    return out;
  },
};
