// `npm run schemas`: writes the published JSON Schemas to schemas/ (one per kind, and one for any document).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { publishedSchemas } from './json-schemas';

export function schemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(publishedSchemas()).map(([name, s]) => [name, JSON.stringify(s, null, 2) + '\n']));
}

export function writeSchemas(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(schemaFiles())) {
    fs.writeFileSync(path.join(dir, name), text);
    written.push(name);
  }
  return written;
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', ...(path.basename(path.resolve(__dirname, '..')) === 'dist' ? ['..'] : []), 'schemas');
  for (const f of writeSchemas(dir)) console.log(`wrote schemas/${f}`);
}
