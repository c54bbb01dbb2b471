import { glueColumnName } from '../../runtime/layout';
import type { Diagnostic } from '../diagnostics';
import { allFields } from '../model';
import { docsOf, SemanticRule } from './rule';

/** Names JavaScript objects and SQL tooling treat specially. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Field names are usable everywhere they go: no reserved words, no two fields on one Glue column. */
export const fieldNames: SemanticRule = {
  id: 'field-names',
  doc: 'Schema field paths avoid reserved names (__proto__, constructor, prototype) and map to distinct Glue columns (lower-cased, "." as "_").',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const s of docsOf(ctx, 'Schema')) {
      const column = new Map<string, string>();
      for (const field of Object.keys(allFields(s.spec))) {
        const declared = Object.hasOwn(s.spec.fields, field);
        const at = (message: string): void => void out.push(ctx.at(s, declared ? ['spec', 'fields', field] : ['spec', 'fields'], message, { key: declared }));
        if (field.split('.').some((part) => RESERVED.has(part))) at(`field "${field}" uses a reserved name (__proto__, constructor, prototype): rename it`);
        const name = glueColumnName(field);
        const other = column.get(name);
        if (other !== undefined) at(`fields "${other}" and "${field}" both become Glue column "${name}" (Glue names are lower-case, "." becomes "_"): rename one of them`);
        else column.set(name, field);
      }
    }
    return out;
  },
};
