// The DuckDB Lambda layer (the Node API plus its ~68 MB native binding for linux-x64). The zip
// is bigger than Lambda's 50 MB direct-upload limit, so it goes through S3: an aws_s3_object in
// the lake bucket (under artifacts/, keyed by content hash), then aws_lambda_layer_version.

import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { LambdaLayerVersion } from '@cdktf/provider-aws/lib/lambda-layer-version';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { duckdbLayerPackage } from './private/duckdb-layer-package';
import type { SecureBucket } from './secure-bucket';

export interface DuckdbLayerProps {
  /** Bucket the layer zip is uploaded to (the lake bucket). */
  readonly artifactsBucket: SecureBucket;
  /** Layer name. */
  readonly layerName: string;
}

export const LAYER_RUNTIME = 'nodejs20.x';
export const LAYER_ARCHITECTURE = 'x86_64';

export class DuckdbLayer extends Construct {
  readonly layer: LambdaLayerVersion;
  readonly arn: string;
  /** Bytes once unzipped, counted against Lambda's 250 MB limit of each function using it. */
  readonly unzippedBytes: number;

  constructor(scope: Construct, id: string, props: DuckdbLayerProps) {
    super(scope, id);
    const pkg = duckdbLayerPackage();
    this.unzippedBytes = pkg.unzippedBytes;
    const asset = new TerraformAsset(this, 'Zip', { path: pkg.zipFile, type: AssetType.FILE, assetHash: pkg.sha256Hex.slice(0, 32) });
    const object = new S3Object(this, 'Object', {
      bucket: props.artifactsBucket.bucket.id,
      key: `artifacts/lambda-layers/duckdb/${pkg.sha256Hex}.zip`,
      source: asset.path,
      sourceHash: pkg.sha256Hex,
      contentType: 'application/zip',
    });
    this.layer = new LambdaLayerVersion(this, 'Layer', {
      layerName: props.layerName,
      description: 'DuckDB for Node.js (@duckdb/node-api, linux-x64 binding)',
      s3Bucket: object.bucket,
      s3Key: object.key,
      sourceCodeHash: pkg.sha256,
      compatibleRuntimes: [LAYER_RUNTIME],
      compatibleArchitectures: [LAYER_ARCHITECTURE],
      licenseInfo: 'MIT',
    });
    this.arn = this.layer.arn;
  }
}
