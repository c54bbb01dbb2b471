// examples/invalid/<case>/: each broken spec set makes `prospect validate` exit 1 with exactly
// the diagnostics its expected.json lists (code, file, line, column), in order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bufferIo } from '../../cli/io';
import { main } from '../../cli/main';
import { SEMANTIC_RULES } from '../../specs/rules';

const ROOT = path.resolve(__dirname, '..', '..', 'examples', 'invalid');

interface Expected {
  readonly description: string;
  readonly args?: string[];
  readonly diagnostics: { code: string; file: string; line: number; column?: number }[];
}

const cases = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const expectedOf = (name: string): Expected => JSON.parse(fs.readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected;

describe('examples/invalid', () => {
  it('has a folder for every semantic rule, whose expected diagnostics include the rule', () => {
    for (const rule of SEMANTIC_RULES) {
      expect(cases).toContain(rule.id);
      const codes = expectedOf(rule.id).diagnostics.map((d) => d.code);
      // audience-rule reports the audience language's own codes
      expect({ rule: rule.id, found: codes.some((c) => (rule.id === 'audience-rule' ? c.startsWith('audience-') : c === rule.id)) }).toEqual({ rule: rule.id, found: true });
    }
  });

  it.each(cases)('%s', async (name) => {
    const expected = expectedOf(name);
    expect(expected.description.length).toBeGreaterThan(10);
    expect(expected.diagnostics.length).toBeGreaterThan(0);
    const io = bufferIo();
    const code = await main(['validate', path.join(ROOT, name), '--format', 'json', ...(expected.args ?? [])], io);
    expect(io.stderr).toBe('');
    const actual = (JSON.parse(io.stdout) as { diagnostics: { code: string; file: string; line: number; column: number }[] }).diagnostics;
    expect(actual.map((d, i) => ({ code: d.code, file: d.file, line: d.line, ...(expected.diagnostics[i]?.column === undefined ? {} : { column: d.column }) }))).toEqual(expected.diagnostics);
    expect(code).toBe(1);
  });
});
