// DuckDB numbers the rows it cannot parse by "line", counting blank lines (which it skips) but
// not newlines inside quotes. Records are counted without blank lines, so the reject of line L
// is record L - header - (blank lines before L). Only needed when a file has such rejects.

import * as fs from 'node:fs';

const NL = 0x0a;
const CR = 0x0d;

/**
 * DuckDB line numbers (1-based, header included) of the blank lines up to `lastLine`.
 * A quote-aware scan (newlines inside quotes do not end a line) that jumps from quote to
 * newline with Buffer.indexOf rather than looking at every byte in JavaScript.
 */
export async function blankLineNumbers(file: string, lastLine: number, quoteChar = '"'): Promise<number[]> {
  const quote = quoteChar.charCodeAt(0);
  const blanks: number[] = [];
  let line = 1;
  let content = false; // the current line has a byte other than CR
  let inQuote = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) {
    const buf = chunk as Buffer;
    let pos = 0;
    let nextQuote = buf.indexOf(quote, 0);
    while (pos < buf.length) {
      if (inQuote) {
        if (nextQuote < 0) break; // the quote runs past this chunk
        inQuote = false;
        pos = nextQuote + 1;
        nextQuote = buf.indexOf(quote, pos);
        continue;
      }
      const nl = buf.indexOf(NL, pos);
      if (nextQuote >= 0 && (nl < 0 || nextQuote < nl)) {
        content = true;
        inQuote = true;
        pos = nextQuote + 1;
        nextQuote = buf.indexOf(quote, pos);
        continue;
      }
      const end = nl < 0 ? buf.length : nl;
      for (let i = pos; i < end && !content; i++) if (buf[i] !== CR) content = true;
      if (nl < 0) break;
      if (!content) blanks.push(line);
      line++;
      content = false;
      if (line > lastLine) return blanks;
      pos = nl + 1;
    }
  }
  return blanks;
}
