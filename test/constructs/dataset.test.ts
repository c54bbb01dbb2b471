import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { LakeformationLfTag } from '@cdktf/provider-aws/lib/lakeformation-lf-tag';
import { Dataset } from '../../constructs/dataset';
import { Label } from '../../constructs/label';
import type { Doc } from '../../specs/model';
import { doc, prospectSchema, prospectsDataset } from '../stacks/fixtures';
import { resources, synthWith } from './harness';

Testing.setupJest();

function synthDataset(dataset: Doc<'Dataset'>, schema: Doc<'Schema'>, codes = ['C2', 'I2', 'THIRD_PARTY']): string {
  return synthWith((p) => {
    const labels = new Map(codes.map((c) => [c, new Label(p.scope, `Label-${c}`, { code: c, namePrefix: 'acme-dev' })]));
    new Dataset(p.scope, `Dataset-${dataset.metadata.name}`, { dataset, schema, lake: p.lake, glueDatabaseName: 'acme_dev', labels });
  });
}

describe('Dataset', () => {
  const json = synthDataset(prospectsDataset, prospectSchema);

  test('expires its data and rejected rows, current and noncurrent versions, after expiration.afterDays', () => {
    const lake = Object.entries(resources(json, 'aws_s3_bucket_lifecycle_configuration')).find(([n]) => n.startsWith('Bucket-lake_'))![1];
    const rules = lake.rule.filter((r: { id: string }) => r.id.startsWith('dataset-'));
    expect(rules).toEqual([
      {
        id: 'dataset-acme-prospects',
        status: 'Enabled',
        filter: [{ prefix: 'datasets/third-party/acme-prospects/' }],
        expiration: [{ days: 90 }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      },
      {
        id: 'dataset-acme-prospects-rejected',
        status: 'Enabled',
        filter: [{ prefix: 'rejected/acme-prospects/' }],
        expiration: [{ days: 90 }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      },
    ]);
  });

  test('describes its objects with a Parquet Glue table under the third-party prefix, one column per field', () => {
    expect(json).toHaveResourceWithProperties(GlueCatalogTable, {
      name: 'third_party_acme_prospects',
      database_name: 'acme_dev',
      table_type: 'EXTERNAL_TABLE',
      partition_keys: [{ name: 'batch', type: 'string', comment: 'Ingestion batch id (batch=<id>/ in the key)' }],
    });
    const table = Object.values(resources(json, 'aws_glue_catalog_table'))[0];
    const sd = table.storage_descriptor;
    expect(sd.location).toBe('s3://acme-dev-lake/datasets/third-party/acme-prospects/');
    expect(sd.input_format).toBe('org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat');
    expect(sd.output_format).toBe('org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat');
    expect(sd.ser_de_info.serialization_library).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    const types = Object.fromEntries(sd.columns.map((c: { name: string; type: string }) => [c.name, c.type]));
    expect(types).toEqual({
      partnerid: 'string',
      _id: 'string',
      createdbybatchid: 'string',
      modifiedbybatchid: 'string',
      createdate: 'timestamp',
      modifydate: 'timestamp',
      age: 'bigint',
      incomeband: 'string',
      homeaddress_state: 'string',
      hashedemail: 'string',
      homeowner: 'boolean',
      score: 'double',
      birthdate: 'date',
    });
    const state = sd.columns.find((c: { name: string }) => c.name === 'homeaddress_state');
    expect(state).toEqual({ name: 'homeaddress_state', type: 'string', comment: 'Two-letter US state' });
    expect(JSON.parse(table.parameters['prospect.fields'])).toEqual({
      partnerid: 'partnerId',
      createdbybatchid: 'createdByBatchId',
      modifiedbybatchid: 'modifiedByBatchId',
      createdate: 'createDate',
      modifydate: 'modifyDate',
      incomeband: 'incomeBand',
      homeaddress_state: 'homeAddress.state',
      hashedemail: 'hashedEmail',
      homeowner: 'homeOwner',
      birthdate: 'birthDate',
    });
  });

  test('attaches each label\'s LF-tag to exactly the columns that carry it', () => {
    const attachments = Object.values(resources(json, 'aws_lakeformation_resource_lf_tags')).map((r) => ({
      key: r.lf_tag[0].key,
      value: r.lf_tag[0].value,
      table: r.table_with_columns.name,
      columns: r.table_with_columns.column_names,
    }));
    expect(attachments).toEqual([
      { key: expect.stringContaining('Label-C2'), value: 'true', table: expect.stringContaining('aws_glue_catalog_table.'), columns: ['homeaddress_state', 'hashedemail'] },
      { key: expect.stringContaining('Label-I2'), value: 'true', table: expect.stringContaining('aws_glue_catalog_table.'), columns: ['hashedemail'] },
      {
        key: expect.stringContaining('Label-THIRD_PARTY'),
        value: 'true',
        table: expect.stringContaining('aws_glue_catalog_table.'),
        columns: ['partnerid', '_id', 'createdbybatchid', 'modifiedbybatchid', 'createdate', 'modifydate', 'age', 'incomeband', 'homeaddress_state', 'hashedemail', 'homeowner', 'score', 'birthdate'],
      },
    ]);
    expect(json).toHaveResourceWithProperties(LakeformationLfTag, { key: 'acme-dev:third_party', values: ['true'] });
    expect(json).toHaveResourceWithProperties(LakeformationLfTag, { key: 'acme-dev:c2', values: ['true'] });
  });

  test('keeps first-party data under its own prefix and table', () => {
    const schema = doc('Schema', 'crm', { class: 'individual-prospect-profile', fields: { tier: { type: 'string' } }, primaryIdentity: { field: 'partnerId', namespace: 'X' } });
    const dataset = doc('Dataset', 'crm-profiles', { schema: 'crm', expiration: { afterDays: 7 } });
    const out = synthDataset(dataset, schema, []);
    expect(out).toHaveResourceWithProperties(GlueCatalogTable, { name: 'first_party_crm_profiles' });
    expect(Object.keys(resources(out, 'aws_lakeformation_resource_lf_tags'))).toHaveLength(0);
  });

  test('names the fields that collide as Glue columns', () => {
    const schema = doc('Schema', 's', {
      class: 'individual-prospect-profile',
      fields: { 'home.zip': { type: 'string' }, home_zip: { type: 'string' } },
      primaryIdentity: { field: 'partnerId', namespace: 'X' },
    });
    expect(() => synthDataset(doc('Dataset', 'd1', { schema: 's', expiration: { afterDays: 1 } }), schema, [])).toThrow(
      'Dataset "d1": fields "home.zip" and "home_zip" both become Glue column "home_zip"',
    );
  });

  test('requires an LF-tag for every label its schema uses', () => {
    expect(() => synthDataset(prospectsDataset, prospectSchema, ['THIRD_PARTY'])).toThrow('Dataset "acme-prospects": no LF-tag for label C2');
  });
});
