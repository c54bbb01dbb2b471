import type { Diagnostic } from '../diagnostics';
import { allFields } from '../model';
import { closest } from '../suggest';
import { docsOf, SemanticRule } from './rule';

/** Every key of Schema.labels is "*", a field, or a parent path of fields: a typo must not silently drop a label. */
export const labelTarget: SemanticRule = {
  id: 'label-target',
  doc: 'Keys of Schema.labels are "*", a field path of the schema, or a parent path of its fields.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const s of docsOf(ctx, 'Schema')) {
      const fields = Object.keys(allFields(s.spec));
      for (const key of Object.keys(s.spec.labels ?? {})) {
        if (key === '*' || fields.some((f) => f === key || f.startsWith(key + '.'))) continue;
        const hint = closest(key, fields);
        out.push(ctx.at(s, ['spec', 'labels', key], `labels key "${key}" is not a field of schema "${s.metadata.name}", so its labels apply to nothing${hint ? `: did you mean "${hint}"?` : ': use "*", a field path or a parent path'}`, { key: true }));
      }
    }
    return out;
  },
};
