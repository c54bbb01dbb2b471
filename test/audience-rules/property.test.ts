// Property: for random profiles and random well-typed rules, the SQL from compileToSql, run in
// DuckDB, selects exactly the profiles the reference evaluator accepts, and never yields NULL.
// Values come from small pools so that rules match often, and include nulls, absent fields, empty
// strings, case variants, quotes, backslashes, non-ASCII text, dates and zoned datetimes.

import { DuckDBAppender, DuckDBConnection, DuckDBDateValue, DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import fc from 'fast-check';
import { Literal, PredicateNode, RuleNode } from '../../audience-rules/ast';
import { evaluate, Profile } from '../../audience-rules/evaluate';
import { formatRule } from '../../audience-rules/format';
import { parseRule } from '../../audience-rules/parser';
import { audienceSelectSql, compileToSql } from '../../audience-rules/sql';
import { normalizeDateTime } from '../../audience-rules/temporal';
import { FieldSpec, FieldType } from '../../specs/model';
import { sexpr } from './sexpr';

const FIELDS: Record<string, FieldSpec> = {
  s: { type: 'string' },
  'home.state': { type: 'string' },
  i: { type: 'integer' },
  n: { type: 'number' },
  b: { type: 'boolean' },
  d: { type: 'date' },
  ts: { type: 'datetime' },
};
const PATHS = Object.keys(FIELDS);
const SQL_TYPE: Record<FieldType, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' };

const STRINGS = ['', 'a', 'A', 'ab', 'Ab', 'abc', 'ba', 'b', "o'k", 'say "hi"', '\\', 'é', 'e', 'Z', 'z', '😀', 'a😀', '\uffff', '%', '_', 'a b'];
const INTEGERS = [-2, -1, 0, 1, 2, 3, 10, 100, 9007199254740991];
const NUMBERS = [-1.5, -1, 0, 0.1, 0.5, 1, 2.25, 3, 100, 0.1 + 0.2];
const DATES = ['0099-12-31', '1999-12-31', '2000-01-01', '2000-02-29', '2000-03-01', '2024-06-15', '9999-12-31'];
const DATETIMES = [
  '2026-01-31T10:00:00Z',
  '2026-01-31T12:00:00+02:00',
  '2026-01-31T10:00:00.001Z',
  '2026-01-31T09:59:59.999Z',
  '2026-01-31T10:00:00',
  '2026-01-01T00:00:00-01:00',
  '2000-01-01T00:00:00Z',
];

const INT_LITERALS = ['-2', '-1', '0', '1', '2', '3', '10', '100', '2.5', '-0.5', '9007199254740991'];
const NUM_LITERALS = ['-1.5', '-1', '0', '0.1', '0.5', '1', '2.25', '3', '100', '0.3', '1.0', '-0'];
const DATE_LITERALS = [...DATES, '2000-01-02'];
const DATETIME_LITERALS = ['2026-01-31T10:00:00Z', '2026-01-31T10:00:00.000001Z', '2026-01-31T09:59:59.999999Z', '2026-01-31T11:00:00+01:00', '2026-01-01', '2026-01-01T00:30:00+00:30', '2000-01-01T00:00:00'];

// ---- profiles ----

const valueOf = (type: FieldType): fc.Arbitrary<unknown> => {
  switch (type) {
    case 'string':
      return fc.constantFrom(...STRINGS);
    case 'integer':
      return fc.constantFrom(...INTEGERS);
    case 'number':
      return fc.constantFrom(...NUMBERS);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.oneof(fc.constantFrom(...DATES), fc.constantFrom(...DATES).map((d) => new Date(`${d}T13:45:00Z`)));
    case 'datetime':
      return fc.oneof(fc.constantFrom(...DATETIMES), fc.constantFrom(Date.UTC(2026, 0, 31, 10), Date.UTC(2026, 0, 31, 10, 0, 0, 1)).map((ms) => new Date(ms)));
  }
};

/** Each field absent, null, or a value: the record leaves keys out at random. */
const profileArb: fc.Arbitrary<Profile> = fc.record(
  Object.fromEntries(PATHS.map((p) => [p, fc.option(valueOf(FIELDS[p].type), { nil: null, freq: 4 })])),
  { requiredKeys: [] },
);

// ---- rules (built as trees, printed, and parsed back) ----

const at = { start: 0, end: 0 };
const literalOf = (type: FieldType): fc.Arbitrary<Literal> => {
  switch (type) {
    case 'string':
      return fc.constantFrom(...STRINGS).map((value) => ({ kind: 'string', value, ...at }));
    case 'integer':
    case 'number':
      return fc.constantFrom(...(type === 'integer' ? INT_LITERALS : NUM_LITERALS)).map((text) => ({ kind: 'number', value: Number(text), text: text === '-0' ? '0' : text, ...at }));
    case 'boolean':
      return fc.boolean().map((value) => ({ kind: 'boolean', value, ...at }));
    case 'date':
      return fc.constantFrom(...DATE_LITERALS).map((value) => ({ kind: 'date', value, ...at }));
    case 'datetime':
      return fc.constantFrom(...DATETIME_LITERALS).map((text) => ({ kind: 'datetime', text, utc: normalizeDateTime(text)!, ...at }));
  }
};

const field = (path: string) => ({ kind: 'field' as const, path, ...at });
const ops = { opStart: 0, opEnd: 0 };

const predicateArb: fc.Arbitrary<PredicateNode> = fc.constantFrom(...PATHS).chain((path): fc.Arbitrary<PredicateNode> => {
  const type = FIELDS[path].type;
  const lit = literalOf(type);
  const ordered = type !== 'boolean';
  const compareOps = ordered ? (['=', '!=', '<', '<=', '>', '>='] as const) : (['=', '!='] as const);
  const options: fc.Arbitrary<PredicateNode>[] = [
    fc.record({ op: fc.constantFrom(...compareOps), value: lit }).map(({ op, value }) => ({ kind: 'compare', op, value, field: field(path), ...at, ...ops })),
    fc.record({ negated: fc.boolean(), values: fc.array(lit, { minLength: 1, maxLength: 4 }) }).map(({ negated, values }) => ({ kind: 'in', negated, values, field: field(path), ...at, ...ops })),
    fc.boolean().map((negated) => ({ kind: 'exists', negated, field: field(path), ...at, ...ops })),
  ];
  if (ordered) options.push(fc.tuple(lit, lit).map(([low, high]) => ({ kind: 'between', low, high, field: field(path), ...at, ...ops })));
  if (type === 'string') {
    options.push(
      fc.record({ op: fc.constantFrom('contains', 'startsWith', 'endsWith' as const), value: lit }).map(({ op, value }) => ({ kind: 'match', op, value, field: field(path), ...at, ...ops })),
    );
  }
  return fc.oneof(...options);
});

const { rule: ruleArb } = fc.letrec<{ rule: RuleNode }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    predicateArb,
    fc.array(tie('rule'), { minLength: 2, maxLength: 3 }).map((operands): RuleNode => ({ kind: 'and', operands, ...at })),
    fc.array(tie('rule'), { minLength: 2, maxLength: 3 }).map((operands): RuleNode => ({ kind: 'or', operands, ...at })),
    tie('rule').map((operand): RuleNode => ({ kind: 'not', operand, ...at })),
  ),
}));

// ---- DuckDB, filled with the appender so that no SQL literal code of the compiler is reused ----

const DAY_MS = 86_400_000;
const utcMillis = (iso: string): number => {
  const t = iso.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : t + 'Z'); // no zone means UTC
};

function appendValue(app: DuckDBAppender, type: FieldType, v: unknown): void {
  if (v === undefined || v === null) return app.appendNull();
  switch (type) {
    case 'string':
      return app.appendVarchar(v as string);
    case 'integer':
      return app.appendBigInt(BigInt(v as number));
    case 'number':
      return app.appendDouble(v as number);
    case 'boolean':
      return app.appendBoolean(v as boolean);
    case 'date': {
      const ms = v instanceof Date ? v.getTime() : Date.parse(`${v as string}T00:00:00Z`);
      return app.appendDate(new DuckDBDateValue(Math.floor(ms / DAY_MS)));
    }
    case 'datetime': {
      const ms = v instanceof Date ? v.getTime() : utcMillis(v as string);
      return app.appendTimestamp(new DuckDBTimestampValue(BigInt(ms) * 1000n));
    }
  }
}

async function load(db: DuckDBConnection, profiles: readonly Profile[]): Promise<void> {
  await db.run('DELETE FROM profiles');
  const app = await db.createAppender('profiles');
  profiles.forEach((p, id) => {
    app.appendInteger(id);
    for (const path of PATHS) appendValue(app, FIELDS[path].type, p[path]);
    app.endRow();
  });
  app.closeSync();
}

// ---- the property ----

describe('compiled SQL in DuckDB agrees with the reference evaluator', () => {
  let instance: DuckDBInstance;
  let db: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    db = await instance.connect();
    const columns = PATHS.map((p) => `"${p}" ${SQL_TYPE[FIELDS[p].type]}`).join(', ');
    await db.run(`CREATE TABLE profiles (id INTEGER, ${columns})`);
  });
  afterAll(() => {
    db.closeSync();
    instance.closeSync();
  });

  test('1,000 seeded cases of up to 25 profiles and 8 rules each', async () => {
    let rulesChecked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(profileArb, { minLength: 1, maxLength: 25 }), fc.array(ruleArb, { minLength: 1, maxLength: 8 }), async (profiles, generated) => {
        // Print, then parse back: the parser and printer agree, and SQL is compiled from parsed rules.
        const rules = generated.map((g) => {
          const text = formatRule(g);
          const r = parseRule(text);
          if (!r.ok) throw new Error(`printed rule does not parse: ${text}: ${r.error.message}`);
          expect(sexpr(r.rule)).toBe(sexpr(g));
          return r.rule;
        });
        await load(db, profiles);

        // All rules in one pass: each full SELECT tagged with its rule number.
        const selects = rules.map((r, k) => `SELECT ${k} AS k, id FROM (${audienceSelectSql('profiles', r, FIELDS, { columns: ['id'] })})`);
        const rows = (await db.runAndReadAll(selects.join(' UNION ALL '))).getRows();
        const actual = rules.map(() => [] as number[]);
        for (const [k, id] of rows) actual[Number(k)].push(Number(id));

        // The expression itself is never NULL (two-valued logic, not SQL's three-valued one).
        const nullCounts = rules.map((r) => `count(*) FILTER (WHERE (${compileToSql(r, FIELDS)}) IS NULL)`);
        const nulls = (await db.runAndReadAll(`SELECT ${nullCounts.join(', ')} FROM profiles`)).getRows()[0].map(Number);

        rules.forEach((r, k) => {
          const expected = profiles.flatMap((p, id) => (evaluate(r, p) ? [id] : []));
          const context = `rule: ${formatRule(r)}\nsql: ${compileToSql(r, FIELDS)}`;
          expect({ context, ids: actual[k].sort((a, b) => a - b) }).toEqual({ context, ids: expected });
          expect({ context, nulls: nulls[k] }).toEqual({ context, nulls: 0 });
        });
        rulesChecked += rules.length;
      }),
      { seed: 5_2026, numRuns: 1000 },
    );
    expect(rulesChecked).toBeGreaterThanOrEqual(1000);
  });
});
