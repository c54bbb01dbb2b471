import { DuckDBInstance } from '@duckdb/node-api';
import { parseRule } from '../../audience-rules/parser';
import { AudienceCompileError, audienceSelectSql, compileToSql, quoteIdentifier, quoteString } from '../../audience-rules/sql';
import { fields } from './fixtures';

function rule(text: string) {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.rule;
}

const sql = (text: string): string => compileToSql(rule(text), fields);

describe('compileToSql', () => {
  const table: [string, string][] = [
    ['age = 30', 'coalesce("age" = 30, false)'],
    ['age != 30', 'coalesce("age" <> 30, false)'],
    ['age >= -2.50', 'coalesce("age" >= -2.50, false)'],
    ['netWorth < 007', 'coalesce("netWorth" < 7, false)'],
    ['homeAddress.state = "CA"', 'coalesce("homeAddress.state" = \'CA\', false)'],
    ["lastName = \"O'Brien\"", "coalesce(\"lastName\" = 'O''Brien', false)"],
    ['lastName = "back\\\\slash \\"q\\""', 'coalesce("lastName" = \'back\\slash "q"\', false)'],
    ['homeowner = true', 'coalesce("homeowner" = TRUE, false)'],
    ['homeowner != false', 'coalesce("homeowner" <> FALSE, false)'],
    ['birthDate < date("2000-01-31")', 'coalesce("birthDate" < DATE \'2000-01-31\', false)'],
    ['lastVerified >= datetime("2026-01-31T09:30:00+02:00")', 'coalesce("lastVerified" >= TIMESTAMP \'2026-01-31 07:30:00\', false)'],
    ['lastVerified >= datetime("2026-01-31T09:30:00.120Z")', 'coalesce("lastVerified" >= TIMESTAMP \'2026-01-31 09:30:00.12\', false)'],
    ['lastVerified >= datetime("2026-01-31T09:30:00.000001Z")', 'coalesce("lastVerified" >= TIMESTAMP \'2026-01-31 09:30:00.000001\', false)'],
    ['incomeBand in ["A", "B"]', 'coalesce("incomeBand" IN (\'A\', \'B\'), false)'],
    ['incomeBand not in ["A"]', 'coalesce("incomeBand" NOT IN (\'A\'), false)'],
    ['age between 30 and 55', 'coalesce("age" BETWEEN 30 AND 55, false)'],
    ['interests contains "golf"', 'coalesce(strpos("interests", \'golf\') > 0, false)'],
    ['interests startsWith "gé😀"', 'coalesce(substr("interests", 1, 3) = \'gé😀\', false)'],
    ['interests endsWith "olf"', 'coalesce(substr("interests", -3) = \'olf\', false)'],
    ['interests contains ""', '("interests" IS NOT NULL)'],
    ['interests endsWith ""', '("interests" IS NOT NULL)'],
    ['hashedEmail exists', '("hashedEmail" IS NOT NULL AND "hashedEmail" <> \'\')'],
    ['hashedEmail not exists', '("hashedEmail" IS NULL OR "hashedEmail" = \'\')'],
    ['age exists', '("age" IS NOT NULL)'],
    ['birthDate not exists', '("birthDate" IS NULL)'],
    ['not age = 1', '(NOT coalesce("age" = 1, false))'],
    ['age = 1 and age = 2 or not (age = 3 or age = 4)', '((coalesce("age" = 1, false) AND coalesce("age" = 2, false)) OR (NOT (coalesce("age" = 3, false) OR coalesce("age" = 4, false))))'],
  ];
  test.each(table)('%j', (text, expected) => {
    expect(sql(text)).toBe(expected);
  });

  test('a column mapping names the columns of tables that cannot hold dotted names (Glue/Athena)', () => {
    const column = (path: string) => quoteIdentifier(path.toLowerCase().replace(/\./g, '_'));
    expect(compileToSql(rule('homeAddress.state = "CA" and age exists'), fields, { column })).toBe(
      '(coalesce("homeaddress_state" = \'CA\', false) AND ("age" IS NOT NULL))',
    );
  });

  test('throws AudienceCompileError, naming every error, for a rule that does not type-check', () => {
    const compile = () => compileToSql(rule('agee = 1 and homeowner > true'), fields);
    expect(compile).toThrow(AudienceCompileError);
    expect(compile).toThrow(
      'the audience rule cannot be compiled to SQL: unknown field "agee": did you mean "age"? (the schema has 19 fields) (and 1 more problem)',
    );
  });

  test('warnings do not stop compilation', () => {
    expect(sql('incomeBand = "Z"')).toBe('coalesce("incomeBand" = \'Z\', false)');
  });

  test('quoting helpers double embedded quotes', () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(quoteString("it's")).toBe("'it''s'");
  });
});

describe('audienceSelectSql', () => {
  test('selects every column by default; qualified table names are quoted part by part', () => {
    expect(audienceSelectSql('lake.profiles', rule('age > 30'), fields)).toBe('SELECT * FROM "lake"."profiles" WHERE coalesce("age" > 30, false)');
  });
  test('selects the given fields', () => {
    expect(audienceSelectSql('profiles', rule('age > 30'), fields, { columns: ['partnerId', 'homeAddress.state'] })).toBe(
      'SELECT "partnerId", "homeAddress.state" FROM "profiles" WHERE coalesce("age" > 30, false)',
    );
  });
});

describe('the compiled SQL runs in DuckDB with the meaning of the contract', () => {
  test('the spec example, missing values and empty strings', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      await db.run(`CREATE TABLE profiles ("partnerId" VARCHAR, "homeAddress.state" VARCHAR, age BIGINT, interests VARCHAR, "incomeBand" VARCHAR, "hashedEmail" VARCHAR)`);
      await db.run(`INSERT INTO profiles VALUES
        ('p1', 'CA', 40, 'golf,tennis', 'A', 'h1'),
        ('p2', 'CA', 40, 'tennis', NULL, 'h2'),
        ('p3', 'OR', 30, 'tennis', 'B', ''),
        ('p4', 'NY', 40, 'golf', 'B', 'h4'),
        ('p5', 'WA', 55, NULL, 'A', 'h5'),
        ('p6', NULL, NULL, NULL, NULL, NULL)`);
      const run = async (text: string): Promise<string[]> => {
        const query = audienceSelectSql('profiles', rule(text), fields, { columns: ['partnerId'] }) + ' ORDER BY 1';
        return (await db.runAndReadAll(query)).getRows().map((r) => String(r[0]));
      };
      expect(
        await run('homeAddress.state in ["CA", "OR", "WA"] and age between 30 and 55 and (interests contains "golf" or not incomeBand = "A") and hashedEmail exists'),
      ).toEqual(['p1', 'p2']);
      expect(await run('not incomeBand = "A"')).toEqual(['p2', 'p3', 'p4', 'p6']);
      expect(await run('incomeBand != "A"')).toEqual(['p3', 'p4']);
      expect(await run('incomeBand not in ["A"]')).toEqual(['p3', 'p4']);
      expect(await run('hashedEmail not exists')).toEqual(['p3', 'p6']);
      expect(await run('not (interests contains "golf")')).toEqual(['p2', 'p3', 'p5', 'p6']);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});
