import type { Diagnostic } from '../diagnostics';
import { docsOf, SemanticRule } from './rule';

/**
 * On `runtime: local` every SFTP source and destination is the folder `sftp/<name>` below
 * localRoot: a source and a destination with one name would read back our own exports as
 * partner data.
 */
export const sftpFolders: SemanticRule = {
  id: 'sftp-folders',
  doc: 'An sftp Source and an sftp Destination do not share a name (they would share the local folder sftp/<name>).',
  check(ctx) {
    const out: Diagnostic[] = [];
    const sources = new Set(docsOf(ctx, 'Source').filter((s) => s.spec.type === 'sftp').map((s) => s.metadata.name));
    for (const d of docsOf(ctx, 'Destination')) {
      if (d.spec.type !== 'sftp' || !sources.has(d.metadata.name)) continue;
      out.push(ctx.at(d, ['metadata', 'name'], `sftp destination "${d.metadata.name}" has the name of an sftp source: locally both are the folder sftp/${d.metadata.name}, so exports would be ingested as partner files; rename one of them`));
    }
    return out;
  },
};
