// Fuzzing the validator: the example spec set, mutated at random (seeded), must always end in
// diagnostics or a clean pass, never in an exception; every diagnostic is complete and points
// inside its file. Set FUZZ_SEED / FUZZ_CASES to reproduce or extend a run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, stringify } from 'yaml';
import { Diagnostic, sortDiagnostics } from '../../specs/diagnostics';
import { LoadResult, loadSpecTexts, parseFile, SourceDocument } from '../../specs/loader';
import { UsageError, validateLoaded } from '../../specs/validate';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2026);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'prospecting');

/** mulberry32: small, fast, good enough for picking mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Every path to a node of `v` (the root excluded), up to a depth. */
function paths(v: Json, base: Path = [], out: Path[] = [], depth = 8): Path[] {
  if (depth === 0 || v === null || typeof v !== 'object') return out;
  const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [k, x] of entries) {
    const p = [...base, k];
    out.push(p);
    paths(x, p, out, depth - 1);
  }
  return out;
}

function parentOf(root: Json, p: Path): { parent: Json[] | { [k: string]: Json }; key: string | number } {
  let node = root as Json[] | { [k: string]: Json };
  for (const k of p.slice(0, -1)) node = (node as Record<string | number, Json>)[k] as Json[] | { [k: string]: Json };
  return { parent: node, key: p[p.length - 1] };
}

function nested(depth: number, r: Rng): Json {
  let v: Json = r.pick(['leaf', 1, null, true]);
  for (let i = 0; i < depth; i++) v = r.next() < 0.5 ? [v] : { k: v };
  return v;
}

function randomValue(r: Rng): Json {
  switch (r.int(12)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1.5, 1e308, -0, 42, 2 ** 53 + 1]);
    case 2:
      return r.pick(['', ' ', 'x', 'partner-id', 'THIRD_PARTY', 'age > 1', '%AUDIENCE%', '0 25 * * *', 'prospect/v1', 'Dataset', '..', '\u0000', '\ud800', 'é']);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return r.pick([true, false]);
    case 6:
      return ['a', 1, null, { x: [] }];
    case 7:
      return { unknown: 'key', spec: {}, kind: 'Source' };
    case 8:
      return 'x'.repeat(r.pick([1000, 100_000]));
    case 9:
      return nested(r.pick([20, 60, 200]), r);
    case 10:
      return Array.from({ length: r.pick([100, 2000]) }, (_, i) => `item-${i}`);
    default:
      return r.pick(['-----BEGIN RSA PRIVATE KEY-----', 'AKIAIOSFODNN7EXAMPLE', 'sftp://u:p@h', 'age between 55 and 30', 'xEvent.type = "a"', '((((((((((a = 1))))))))))']);
  }
}

/** Mutations on the parsed documents of one file; return a description. */
const valueMutations: ((docs: Json[], r: Rng) => string)[] = [
  function deleteKey(docs, r) {
    const d = r.int(docs.length);
    const ps = paths(docs[d]).filter((p) => typeof p[p.length - 1] === 'string');
    if (!ps.length) return 'deleteKey(none)';
    const p = r.pick(ps);
    const { parent, key } = parentOf(docs[d], p);
    delete (parent as Record<string, Json>)[key];
    return `deleteKey(${d}:${p.join('.')})`;
  },
  function swapType(docs, r) {
    const d = r.int(docs.length);
    const ps = paths(docs[d]);
    const value = randomValue(r);
    if (!ps.length) {
      docs[d] = value;
      return 'swapType(root)';
    }
    const p = r.pick(ps);
    const { parent, key } = parentOf(docs[d], p);
    (parent as Record<string | number, Json>)[key] = value;
    return `swapType(${d}:${p.join('.')})`;
  },
  function renameKey(docs, r) {
    const d = r.int(docs.length);
    const ps = paths(docs[d]).filter((p) => typeof p[p.length - 1] === 'string');
    if (!ps.length) return 'renameKey(none)';
    const p = r.pick(ps);
    const { parent, key } = parentOf(docs[d], p);
    const obj = parent as Record<string, Json>;
    const k = String(key);
    const renamed = r.pick([k + 's', k.slice(1), k.toUpperCase(), '', '*', '__proto__', 'constructor', k + '.x']);
    const v = obj[k];
    delete obj[k];
    obj[renamed] = v;
    return `renameKey(${d}:${p.join('.')}->${renamed})`;
  },
  function duplicateDoc(docs, r) {
    const d = r.int(docs.length);
    docs.splice(r.int(docs.length + 1), 0, clone(docs[d]));
    return `duplicateDoc(${d})`;
  },
  function replaceDoc(docs, r) {
    const d = r.int(docs.length);
    docs[d] = randomValue(r);
    return `replaceDoc(${d})`;
  },
  function crossReference(docs, r) {
    const d = r.int(docs.length);
    const ps = paths(docs[d]).filter((p) => typeof p[p.length - 1] === 'string' && /^(dataset|schema|destination|identity|namespace|field|rule|schedule|nameTemplate)$/.test(String(p[p.length - 1])));
    if (!ps.length) return 'crossReference(none)';
    const p = r.pick(ps);
    const { parent, key } = parentOf(docs[d], p);
    (parent as Record<string, Json>)[key] = r.pick(['nope', 'acme-prospects', 'partner-id', 'age', 'partnerId', 'a-b', 'x'.repeat(70), 'not age = 1 or', 'age = "x"', '0 8 * *', '%TIMESTAMP%/../x']);
    return `crossReference(${d}:${p.join('.')})`;
  },
];

/** Mutations on the text of one file. */
const textMutations: ((text: string, r: Rng) => [string, string])[] = [
  function garbageBytes(text, r) {
    const bytes = Buffer.from(Array.from({ length: 1 + r.int(16) }, () => r.int(256)));
    const garbage = r.next() < 0.5 ? bytes.toString('utf8') : bytes.toString('latin1');
    const at = r.int(text.length + 1);
    return [text.slice(0, at) + garbage + text.slice(at), `garbageBytes(${at},${bytes.toString('hex')})`];
  },
  function controlChars(text, r) {
    const chars = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\ud800', '\udc00', '\ufffe'];
    const at = r.int(text.length + 1);
    const c = r.pick(chars);
    return [text.slice(0, at) + c + text.slice(at), `controlChar(${at},U+${c.charCodeAt(0).toString(16)})`];
  },
  function truncate(text, r) {
    const at = r.int(text.length + 1);
    return [text.slice(0, at), `truncate(${at})`];
  },
  function indicator(text, r) {
    const at = r.int(Math.max(1, text.length));
    const c = r.pick([':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '"', "'", '#', ',', '?', ' ', '\n', '---\n', '...\n', '<<: *a\n']);
    return [text.slice(0, at) + c + text.slice(at + 1), `indicator(${at},${JSON.stringify(c)})`];
  },
  function lines(text, r) {
    const ls = text.split('\n');
    const i = r.int(ls.length);
    const j = r.int(ls.length);
    const op = r.int(4);
    if (op === 0) ls.splice(i, 1);
    else if (op === 1) ls.splice(i, 0, ls[j]);
    else if (op === 2) [ls[i], ls[j]] = [ls[j], ls[i]];
    else ls[i] = (r.next() < 0.5 ? ' ' : '') + ls[i].replace(/^ /, r.next() < 0.5 ? '' : '\t');
    return [ls.join('\n'), `lines(${op},${i},${j})`];
  },
  function aliasBomb(text, r) {
    const bomb = ['x: &a [l,l,l,l,l,l,l,l,l]', 'y: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'z: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'w: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'v: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
    const selfRef = 'apiVersion: prospect/v1\nkind: Dataset\nmetadata: &m {name: &n loop-set}\nspec: {schema: *n, expiration: {afterDays: 1}, extra: *m}\n';
    const which = r.int(3);
    if (which === 0) return [`${text}\n---\n${bomb}\n`, 'aliasBomb(doc)'];
    if (which === 1) return [`${text}\n---\n${selfRef}`, 'aliasBomb(anchors)'];
    return [text.replace(/^spec:/m, `spec: &s\n  bomb: [*s]\nzzz:`), 'aliasBomb(recursive)'];
  },
  function deepNesting(text, r) {
    const n = r.pick([100, 1000, 5000]);
    const deep = r.next() < 0.5 ? '['.repeat(n) + ']'.repeat(n) : '{a: '.repeat(n) + '1' + '}'.repeat(n);
    return [`${text}\n---\nspec: ${deep}\n`, `deepNesting(${n})`];
  },
  function hugeLine(text) {
    return [`${text}\n---\napiVersion: prospect/v1\nkind: Label\nmetadata: {name: ${'a'.repeat(200_000)}}\nspec: {code: X, category: custom}\n`, 'hugeLine'];
  },
];

interface Failure {
  readonly caseNo: number;
  readonly steps: string[];
  readonly env?: string;
  readonly problem: string;
}

function checkDiagnostic(d: Diagnostic, texts: Record<string, string>): string | undefined {
  if (typeof d.code !== 'string' || d.code === '') return 'no code';
  if (typeof d.message !== 'string' || d.message === '') return 'no message';
  if (d.severity !== 'error' && d.severity !== 'warning') return `severity ${String(d.severity)}`;
  if (!(d.file in texts)) return `unknown file ${d.file}`;
  if (!Number.isInteger(d.line) || d.line < 1) return `line ${d.line}`;
  if (!Number.isInteger(d.column) || d.column < 1) return `column ${d.column}`;
  if (typeof d.path !== 'string' || !d.path.startsWith('$')) return `path ${d.path}`;
  const lines = texts[d.file].split(/\r\n|\r|\n/);
  if (d.line > lines.length + 1) return `line ${d.line} is past the end of ${d.file} (${lines.length} lines)`;
  return undefined;
}

describe('fuzz: validation never throws', () => {
  const files = fs
    .readdirSync(EXAMPLE)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const texts: Record<string, string> = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(EXAMPLE, f), 'utf8')]));
  const values: Record<string, Json[]> = Object.fromEntries(files.map((f) => [f, parseAllDocuments(texts[f]).map((d) => (Array.isArray(d) ? null : (d.toJS() as Json)))]));
  const parsed: Record<string, ReturnType<typeof parseFile>> = Object.fromEntries(files.map((f) => [f, parseFile(f, texts[f])]));

  beforeAll(() => {
    // eslint-disable-next-line no-console
    console.log(`fuzz seed ${SEED} (0x${SEED.toString(16)}), ${CASES} cases; reproduce with FUZZ_SEED=${SEED}`);
  });

  it(`${CASES} mutated spec sets end in diagnostics or a clean pass`, () => {
    const r = rng(SEED);
    const failures: Failure[] = [];
    let clean = 0;
    let withErrors = 0;
    let usage = 0;
    const slowest: { ms: number; caseNo: number; steps: string[] }[] = [];
    for (let caseNo = 0; caseNo < CASES; caseNo++) {
      const started = performance.now();
      const current: Record<string, string> = { ...texts };
      const steps: string[] = [];
      const mutations = 1 + r.int(3);
      for (let m = 0; m < mutations; m++) {
        const file = r.pick(files);
        if (r.next() < 0.45) {
          const docs = clone(values[file]);
          const fn = r.pick(valueMutations);
          steps.push(`${file}:${fn(docs, r)}`);
          current[file] = docs.map((d) => stringify(d, { aliasDuplicateObjects: false })).join('---\n');
        } else {
          const fn = r.pick(textMutations);
          const [text, what] = fn(current[file], r);
          current[file] = text;
          steps.push(`${file}:${what}`);
        }
      }
      if (r.next() < 0.1) {
        // a new file, or a file removed
        if (r.next() < 0.5) {
          current['extra/more.yml'] = current[r.pick(files)];
          steps.push('copyFile');
        } else {
          const f = r.pick(files);
          delete current[f];
          steps.push(`removeFile(${f})`);
        }
      }
      const env = r.pick([undefined, undefined, 'dev', 'prod', 'local']);
      try {
        // parse once: unchanged files reuse their parse (the full loader every 16th case)
        let load: LoadResult;
        const names = Object.keys(current).sort();
        if (caseNo % 16 === 0) load = loadSpecTexts(names.map((f) => ({ file: f, text: current[f] })));
        else {
          const documents: SourceDocument[] = [];
          const diagnostics: Diagnostic[] = [];
          for (const f of names) {
            const p = current[f] === texts[f] ? parsed[f] : parseFile(f, current[f]);
            documents.push(...p.documents);
            diagnostics.push(...p.diagnostics);
          }
          load = { documents, diagnostics, files: names.length };
        }
        const result = validateLoaded(load, { env });
        for (const d of result.diagnostics) {
          const problem = checkDiagnostic(d, current);
          if (problem) {
            failures.push({ caseNo, steps, env, problem: `${problem}: ${JSON.stringify(d).slice(0, 300)}` });
            break;
          }
        }
        if (JSON.stringify(result.diagnostics) !== JSON.stringify(sortDiagnostics(result.diagnostics))) failures.push({ caseNo, steps, env, problem: 'diagnostics not sorted / de-duplicated' });
        if (result.ok !== !result.diagnostics.some((d) => d.severity === 'error')) failures.push({ caseNo, steps, env, problem: 'ok disagrees with the diagnostics' });
        if (result.ok) clean++;
        else withErrors++;
      } catch (e) {
        if (e instanceof UsageError && env !== undefined) {
          usage++; // the environment was mutated away: bad usage, reported as such
          continue;
        }
        failures.push({ caseNo, steps, env, problem: `threw ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ')}` });
      }
      slowest.push({ ms: Math.round(performance.now() - started), caseNo, steps });
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
      if (failures.length >= 10) break; // enough to report; keeps a failing run short
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz: slowest cases ${JSON.stringify(slowest)}`);
    // one example per kind of failure
    const kinds = new Map<string, { count: number; first: Failure }>();
    for (const f of failures) {
      const key = f.problem.replace(/\d+/g, 'N').slice(0, 160);
      const k = kinds.get(key);
      if (k) k.count++;
      else kinds.set(key, { count: 1, first: f });
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz: ${clean} clean, ${withErrors} with errors, ${usage} unknown --env, ${failures.length} failures in ${kinds.size} kinds`);
    expect([...kinds.values()]).toEqual([]);
    expect(clean + withErrors + usage).toBe(CASES);
  });
});
