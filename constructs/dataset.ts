// A Dataset: where records of one schema live in the lake bucket. Its objects (accepted batches
// and rejected rows) expire, current and noncurrent versions alike, after expiration.afterDays;
// a Glue table (Parquet, partitioned by batch) describes them, with one column per schema field;
// the columns that carry a label get that label's LF-tag. THIRD_PARTY datasets have their own
// prefix and table name (runtime/layout.ts), so removing a partner integration removes both.

import { Construct } from 'constructs';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { LakeformationResourceLfTags } from '@cdktf/provider-aws/lib/lakeformation-resource-lf-tags';
import { isThirdPartySchema } from '../runtime/manifest';
import { datasetPrefix, glueTableName, rejectedPrefix } from '../runtime/layout';
import type { Doc } from '../specs/model';
import { LABEL_TAG_VALUE, type Label } from './label';
import { glueColumns } from './private/glue-columns';
import { terraformLiteral } from './private/names';
import type { SecureBucket } from './secure-bucket';

export interface DatasetProps {
  readonly dataset: Doc<'Dataset'>;
  /** The dataset's schema document. */
  readonly schema: Doc<'Schema'>;
  /** The lake bucket. */
  readonly lake: SecureBucket;
  /** Glue database name (a reference to the database, so the table depends on it). */
  readonly glueDatabaseName: string;
  /** Label code -> its LF-tag; must hold every label the schema uses. */
  readonly labels: ReadonlyMap<string, Label>;
}

export const PARQUET_INPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat';
export const PARQUET_OUTPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat';
export const PARQUET_SERDE = 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe';

export class Dataset extends Construct {
  readonly table: GlueCatalogTable;
  readonly thirdParty: boolean;
  /** Key prefix of accepted batches. */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: DatasetProps) {
    super(scope, id);
    const name = props.dataset.metadata.name;
    const where = `Dataset "${name}"`;
    this.thirdParty = isThirdPartySchema(props.schema.spec);
    this.prefix = datasetPrefix(name, this.thirdParty);
    const days = props.dataset.spec.expiration.afterDays;
    props.lake.addLifecycleRule({ id: `dataset-${name}`, prefix: this.prefix, expirationDays: days, noncurrentExpirationDays: days });
    props.lake.addLifecycleRule({ id: `dataset-${name}-rejected`, prefix: rejectedPrefix(name), expirationDays: days, noncurrentExpirationDays: days });

    const columns = glueColumns(props.schema.spec, where);
    this.table = new GlueCatalogTable(this, 'Table', {
      name: glueTableName(name, this.thirdParty),
      databaseName: props.glueDatabaseName,
      description: props.dataset.metadata.description === undefined ? undefined : terraformLiteral(props.dataset.metadata.description),
      tableType: 'EXTERNAL_TABLE',
      parameters: {
        EXTERNAL: 'TRUE',
        classification: 'parquet',
        'prospect.dataset': name,
        'prospect.schema': props.schema.metadata.name,
        // Column -> schema field path, where the column name is not the field path itself.
        'prospect.fields': JSON.stringify(Object.fromEntries(columns.filter((c) => c.name !== c.field).map((c) => [c.name, c.field]))),
      },
      partitionKeys: [{ name: 'batch', type: 'string', comment: 'Ingestion batch id (batch=<id>/ in the key)' }],
      storageDescriptor: {
        location: `s3://${props.lake.bucketName}/${this.prefix}`,
        inputFormat: PARQUET_INPUT_FORMAT,
        outputFormat: PARQUET_OUTPUT_FORMAT,
        serDeInfo: { name: 'parquet', serializationLibrary: PARQUET_SERDE, parameters: { 'serialization.format': '1' } },
        columns: columns.map((c) => ({
          name: c.name,
          type: c.type,
          comment: c.comment === undefined ? undefined : terraformLiteral(c.comment.slice(0, 255)),
        })),
      },
    });

    const tableName = this.table.name;
    const codes = [...new Set(columns.flatMap((c) => c.labels))].sort();
    for (const code of codes) {
      const label = props.labels.get(code);
      if (label === undefined) throw new Error(`${where}: no LF-tag for label ${code}; create a Label construct for every label its schema uses`);
      new LakeformationResourceLfTags(this, `LfTags-${code}`, {
        tableWithColumns: {
          databaseName: props.glueDatabaseName,
          name: tableName,
          columnNames: columns.filter((c) => c.labels.includes(code)).map((c) => c.name),
        },
        lfTag: [{ key: label.tagKey, value: LABEL_TAG_VALUE }],
      });
    }
  }
}

