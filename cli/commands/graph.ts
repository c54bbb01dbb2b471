import { formatText } from '../../specs/diagnostics';
import { lineage, toDot, toMermaid } from '../../specs/graph';
import { validateSpecDir } from '../../specs/validate';
import { oneOf, parse } from '../args';
import type { Io } from '../io';

export const USAGE = 'prospect graph [DIR] [--env NAME] [--format mermaid|dot]';

/** Lineage of a valid spec set; an invalid one prints its diagnostics and exits 1. */
export async function graphCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { env: { type: 'string' }, format: { type: 'string' } }, 1, USAGE);
  const format = oneOf(values.format, ['mermaid', 'dot'] as const, '--format', 'mermaid');
  const r = validateSpecDir(positionals[0] ?? '.', { env: values.env as string | undefined });
  if (!r.ok) {
    io.err(formatText(r.diagnostics));
    io.err('graph: the spec set has errors; fix them first (prospect validate)');
    return 1;
  }
  const g = lineage(r.specs);
  io.out(format === 'dot' ? toDot(g) : toMermaid(g));
  return 0;
}
