import type { Diagnostic } from '../diagnostics';
import { KINDS, Kind } from '../model';
import { isPlainObject } from '../overrides';
import { missing } from './dangling-reference';
import { docsOf, SemanticRule } from './rule';

/** Every override names an existing document of its kind. */
export const environmentOverrides: SemanticRule = {
  id: 'environment-overrides',
  doc: "An Environment's overrides name existing documents of their kind.",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const env of docsOf(ctx, 'Environment')) {
      const overrides = env.spec.overrides;
      if (!isPlainObject(overrides)) continue;
      for (const [kind, byName] of Object.entries(overrides)) {
        if (!(KINDS as readonly string[]).includes(kind) || !isPlainObject(byName)) continue;
        for (const name of Object.keys(byName)) {
          if (!ctx.names[kind as Kind].has(name)) out.push(ctx.at(env, ['spec', 'overrides', kind, name], `override for ${missing(ctx, kind as Kind, name)}`, { key: true }));
        }
      }
    }
    return out;
  },
};
