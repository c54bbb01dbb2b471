// The first record of a CSV file: the column names (header: true), or the column count
// (header: false). Read with csv-parse from the start of the file only.

import * as fs from 'node:fs';
import { parse } from 'csv-parse';
import type { SourceFormat } from '../../specs/model';
import { InputFileError } from './input-file';

/** Column names of the first record, or `undefined` for a file without any record. */
export async function readFirstRecord(file: string, format: SourceFormat): Promise<string[] | undefined> {
  const quote = format.quote ?? '"';
  const parser = parse({
    delimiter: format.delimiter ?? ',',
    quote,
    escape: quote,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    to: 1,
  });
  const input = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  try {
    const first = await new Promise<string[] | undefined>((resolve, reject) => {
      let record: string[] | undefined;
      parser.on('readable', () => {
        let r: string[] | null;
        while ((r = parser.read() as string[] | null) !== null) if (record === undefined) record = r;
        if (record !== undefined) resolve(record);
      });
      parser.on('error', reject);
      parser.on('end', () => resolve(record));
      input.on('error', reject);
      input.pipe(parser);
    });
    return first;
  } catch (e) {
    throw new InputFileError(`the first row cannot be read as CSV (${(e as Error).message}): check format.delimiter and format.quote`);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
