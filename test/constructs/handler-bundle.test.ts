import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { bundleHandler, EXTERNAL_MODULES } from '../../constructs/private/handler-bundle';

describe('bundleHandler', () => {
  test('bundles handlers/<name>.ts into one index.js, with the AWS SDK and DuckDB left to the runtime and the layer', () => {
    const bundle = bundleHandler('segment');
    const zip = readFileSync(bundle.zipFile);
    expect(createHash('sha256').update(zip).digest('base64')).toBe(bundle.sha256);
    const nameLength = zip.readUInt16LE(26);
    expect(zip.toString('utf8', 30, 30 + nameLength)).toBe('index.js');
    const size = zip.readUInt32LE(18);
    const body = zip.subarray(30 + nameLength, 30 + nameLength + size);
    const code = (zip.readUInt16LE(8) === 8 ? inflateRawSync(body) : body).toString('utf8');
    expect(code).toContain('handler');
    expect(code).toMatch(/require\("@aws-sdk\/client-s3"\)/);
    expect(EXTERNAL_MODULES).toEqual(['@aws-sdk/*', '@duckdb/*', '*.node', 'cpu-features']);
    expect(bundle.unzippedBytes).toBe(Buffer.byteLength(code));
  });

  test('returns the cached bundle while no input changed', () => {
    expect(bundleHandler('export')).toEqual(bundleHandler('export'));
    const record = JSON.parse(readFileSync(bundleHandler('export').zipFile.replace(/export-[0-9a-f]+\.zip$/, 'export.json'), 'utf8'));
    expect(Object.keys(record.inputs)).toContain('handlers/export.ts');
  });

  test('names a handler that does not exist', () => {
    expect(() => bundleHandler('no-such-handler')).toThrow('Lambda handler "no-such-handler" not found: expected handlers/no-such-handler.ts');
  });
});
