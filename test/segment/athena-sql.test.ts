// Segmentation and export SQL for Athena: checked as text, and run in DuckDB over a table laid out
// like the dataset's Glue table (lower-case columns, `batch` partition column, several batches) to
// prove it means what DuckDB segmentation and export mean.

import { quoteIdentifier } from '../../audience-rules';
import { glueColumnName } from '../../constructs/private/glue-columns';
import { athenaExportSql, planActivation } from '../../runtime/export';
import { exportSelectSql } from '../../runtime/export/export-sql';
import { athenaColumn, athenaProfilesCte, athenaSegmentationSql, membershipTableName, planSegmentation } from '../../runtime/segment';
import { mergeTimestampField } from '../../runtime/profiles';
import { exampleManifest, loadSampleProfiles, SampleProfiles } from './sample-profiles';

const manifest = exampleManifest('local');
const AUDIENCES = ['golf-enthusiasts-30-55', 'homeowners-with-email', 'west-coast-affluent'];
const schema = manifest.schemas['acme-prospect-profile'];
const FIELDS = Object.keys(schema.allFields);
const RUN = '20261130T080000Z';
const src = {
  database: 'acme_prospect_local',
  table: 'third_party_acme_prospects',
  identityField: 'partnerId',
  fields: FIELDS,
  mergeField: mergeTimestampField(manifest, 'acme-prospects'),
  batches: [
    { batchId: 'b-old', ingestedAt: '2026-11-29T06:00:00Z' },
    { batchId: 'b-new', ingestedAt: '2026-11-30T06:00:00Z' },
  ],
};

let sample: SampleProfiles;
const q = async (sql: string) => (await sample.connection.runAndReadAll(sql)).getRowsJS();

beforeAll(async () => {
  sample = await loadSampleProfiles();
  const c = sample.connection;
  await c.run(`CREATE SCHEMA ${src.database}`);
  // The Glue table: every schema field as a lower-case column, plus the batch partition column.
  const platform = new Set(['_id', 'createdByBatchId', 'modifiedByBatchId', 'createDate', 'modifyDate']);
  const cols = FIELDS.map((f) => `CAST(${platform.has(f) ? 'NULL' : quoteIdentifier(f)} AS ${sqlType(f)}) AS ${quoteIdentifier(glueColumnName(f))}`);
  // b-old: every profile, but the west coast ones with income band F (so they drop out of
  // west-coast-affluent); b-new: those west coast profiles again, unchanged. The newer batch must win.
  await c.run(`CREATE TABLE ${src.database}.${src.table} AS
    SELECT ${cols.join(', ')}, 'b-old' AS batch FROM (SELECT * REPLACE (CASE WHEN "homeAddress.state" IN ('CA','OR','WA') THEN 'F' ELSE "incomeBand" END AS "incomeBand") FROM profiles)
    UNION ALL
    SELECT ${cols.join(', ')}, 'b-new' AS batch FROM profiles WHERE "homeAddress.state" IN ('CA','OR','WA')`);
}, 60_000);
afterAll(() => sample.close());

function sqlType(f: string): string {
  return { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' }[schema.allFields[f].type];
}

describe('athenaSegmentationSql', () => {
  const plan = planSegmentation(manifest, AUDIENCES, { column: athenaColumn })[0];
  const seg = athenaSegmentationSql(plan, src, 'acme-prospect-local-lake', RUN);

  it('writes a CTAS into Parquet under athena-results/ and one UNLOAD per audience to its snapshot folder', () => {
    expect(seg.membershipTable).toBe('segment_20261130t080000z_acme_prospects');
    expect(seg.ctas.sql).toBe(
      `CREATE TABLE "acme_prospect_local"."segment_20261130t080000z_acme_prospects" WITH (format = 'PARQUET', write_compression = 'SNAPPY', external_location = 's3://acme-prospect-local-lake/athena-results/segment/run=20261130T080000Z/acme-prospects/') AS ${seg.ctas.select}`,
    );
    expect(seg.ctas.select).toContain(`row_number() OVER (PARTITION BY r."partnerid" ORDER BY coalesce(r."lastupdated", r.ingested_at) DESC, r.ingested_at DESC, r."batch" DESC)`);
    expect(seg.ctas.select).toContain(`WITH batches (batch_id, ingested_at) AS (VALUES ('b-old', TIMESTAMP '2026-11-29 06:00:00.000'), ('b-new', TIMESTAMP '2026-11-30 06:00:00.000'))`);
    expect(seg.ctas.select).toContain(
      `coalesce("homeaddress_state" IN ('CA', 'OR', 'WA'), false)`,
    );
    expect(seg.unloads.map((u) => u.sql)).toEqual(
      AUDIENCES.map(
        (a, i) =>
          `UNLOAD (SELECT "partnerId" FROM "acme_prospect_local"."segment_20261130t080000z_acme_prospects" WHERE m${i} ORDER BY 1) TO 's3://acme-prospect-local-lake/audiences/${a}/run=20261130T080000Z/members/' WITH (format = 'PARQUET', compression = 'SNAPPY')`,
      ),
    );
    expect(seg.drop).toBe('DROP TABLE IF EXISTS "acme_prospect_local"."segment_20261130t080000z_acme_prospects"');
    expect(membershipTableName('20261130T080000Z', 'a-b')).toBe('segment_20261130t080000z_a_b');
  });

  it('means in DuckDB what DuckDB segmentation means: the newer batch wins, audience sizes as expected', async () => {
    await sample.connection.run(`CREATE TABLE ${src.database}.${seg.membershipTable} AS ${seg.ctas.select}`);
    for (const [i, u] of seg.unloads.entries()) {
      const ids = (await q(u.select)).map((r) => r[0]);
      expect(ids.length).toBe(sample.expected.audiences[u.audience]);
      const native = planSegmentation(manifest, [AUDIENCES[i]])[0].audiences[0].predicateSql;
      expect(ids).toEqual((await q(`SELECT "partnerId" FROM profiles WHERE ${native} ORDER BY 1`)).map((r) => r[0]));
    }
    const [[profiles]] = await q(`${athenaProfilesCte(src)} SELECT count(*) FROM profiles`);
    expect(Number(profiles)).toBe(sample.expected.profiles);
  });

  it('exports through the same SELECT: identity and attributes only, deduplicated, sorted, as DuckDB export selects them', async () => {
    const act = planActivation(manifest, 'acme-match-daily');
    const unloads = athenaExportSql(act, src, { table: seg.membershipTable, audienceColumns: Object.fromEntries(AUDIENCES.map((a, i) => [a, i])) }, 'acme-prospect-local-lake', RUN);
    expect(unloads.map((u) => u.location)).toEqual([
      's3://acme-prospect-local-lake/exports/acme-match-daily/run=20261130T080000Z/staging/west-coast-affluent/',
      's3://acme-prospect-local-lake/exports/acme-match-daily/run=20261130T080000Z/staging/homeowners-with-email/',
    ]);
    expect(unloads[0].sql.startsWith(`UNLOAD (WITH batches`)).toBe(true);
    expect(unloads[0].sql.endsWith(`) TO '${unloads[0].location}' WITH (format = 'PARQUET', compression = 'SNAPPY')`)).toBe(true);
    for (const u of unloads) {
      const i = AUDIENCES.indexOf(u.audience);
      const athena = await q(u.select);
      const native = await q(
        exportSelectSql({
          profiles: 'profiles',
          members: `(SELECT "partnerId" FROM profiles WHERE ${planSegmentation(manifest, [AUDIENCES[i]])[0].audiences[0].predicateSql}) m`,
          membersColumn: 'partnerId',
          identityField: act.identityField,
          columns: act.columns,
          dedupFields: act.dedupFields,
        }),
      );
      expect(athena.length).toBe(sample.expected.audiences[u.audience]);
      expect(athena).toEqual(native);
      const cols = (await sample.connection.runAndReadAll(`SELECT * FROM (${u.select}) LIMIT 0`)).columnNames();
      expect(cols).toEqual(act.columns.map((_c, k) => `c${k}`));
    }
  });
});
