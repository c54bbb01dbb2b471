import type { Diagnostic } from '../diagnostics';
import { parseNameTemplate } from '../name-template';
import { docsOf, SemanticRule } from './rule';

/** Destination file name templates use known macros and stay inside the destination's prefix or path. */
export const nameTemplate: SemanticRule = {
  id: 'name-template',
  doc: "A Destination's file.nameTemplate uses known macros and cannot write outside its prefix or path.",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const d of docsOf(ctx, 'Destination')) {
      const t = d.spec.file.nameTemplate;
      if (t === undefined) continue;
      for (const p of parseNameTemplate(t).problems) out.push(ctx.at(d, ['spec', 'file', 'nameTemplate'], `nameTemplate "${t}": ${p.message}`, { valueOffset: p.offset }));
    }
    return out;
  },
};
