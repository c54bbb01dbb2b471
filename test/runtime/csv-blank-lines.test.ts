// The fast blank-line scan agrees with a byte-by-byte reading of the same text.

import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blankLineNumbers } from '../../runtime/ingest/csv-blank-lines';
import { tempRoot } from '../support/ingest-harness';

function byteByByte(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let length = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      length++;
    } else if (ch === '\n' && !quoted) {
      if (length === 0) out.push(line);
      line++;
      length = 0;
    } else if (ch !== '\r') length++;
  }
  return out;
}

it('finds the blank lines outside quotes, as a byte-by-byte scan does', async () => {
  const file = path.join(tempRoot(), 'f.csv');
  const piece = fc.constantFrom('a', '"', '\n', '\r\n', ',', '""', '\n\n', 'xyz', '\r');
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 300 }), async (pieces) => {
      const text = pieces.join('');
      fs.writeFileSync(file, text);
      expect(await blankLineNumbers(file, Number.MAX_SAFE_INTEGER)).toEqual(byteByByte(text));
    }),
    { numRuns: 300, seed: 7 },
  );
  fs.writeFileSync(file, 'h\n\na\n\n\nb\n');
  expect(await blankLineNumbers(file, 4)).toEqual([2, 4]);
});
