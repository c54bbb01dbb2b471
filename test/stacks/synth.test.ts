import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { synthEnvironment, withoutTokenCreationStacks } from '../../stacks/synth';
import { validateSpecDir } from '../../specs/validate';
import { hasErrors, formatText } from '../../specs/diagnostics';
import { awsEnvironment, sampleDocs, specSet } from './fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'prospect-synth-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('synthEnvironment', () => {
  const first = synthEnvironment({ specs: specSet(sampleDocs()), environment: awsEnvironment(), outDir: join(tmp, 'a') });
  const second = synthEnvironment({ specs: specSet(sampleDocs()), environment: awsEnvironment(), outDir: join(tmp, 'b') });

  test('writes cdktf\'s layout: OUT/stacks/<environment>/cdk.tf.json, the assets and OUT/manifest.json', () => {
    expect(first.stackDir).toBe(join(tmp, 'a', 'stacks', 'dev'));
    const files = first.files.map((f) => relative(join(tmp, 'a'), f));
    expect(files).toContain('manifest.json');
    expect(files).toContain(join('stacks', 'dev', 'cdk.tf.json'));
    expect(files.filter((f) => f.endsWith('.zip'))).toHaveLength(5); // four functions and the DuckDB layer
    const tf = JSON.parse(readFileSync(join(first.stackDir, 'cdk.tf.json'), 'utf8'));
    for (const fn of Object.values(tf.resource.aws_lambda_function) as { filename: string }[]) expect(existsSync(join(first.stackDir, fn.filename))).toBe(true);
    for (const o of Object.values(tf.resource.aws_s3_object) as { source?: string }[]) if (o.source) expect(existsSync(join(first.stackDir, o.source))).toBe(true);
  });

  test('is byte-identical across two synths, assets included', () => {
    const rel = (r: { files: string[] }, dir: string) => r.files.map((f) => relative(join(tmp, dir), f));
    expect(rel(second, 'b')).toEqual(rel(first, 'a'));
    for (const f of rel(first, 'a')) expect(readFileSync(join(tmp, 'b', f)).equals(readFileSync(join(tmp, 'a', f)))).toBe(true);
  });

  test('stack traces and timestamps stay out of the output', () => {
    const text = readFileSync(join(first.stackDir, 'cdk.tf.json'), 'utf8');
    expect(text).not.toContain('stacktrace');
    expect(text).not.toContain(tmp);
  });
});

describe('the example spec set', () => {
  const dir = join(__dirname, '..', '..', 'examples', 'prospecting');
  test.each(['dev', 'prod'])('synthesizes %s', (env) => {
    const result = validateSpecDir(dir, { env });
    if (hasErrors(result.diagnostics)) throw new Error(formatText(result.diagnostics));
    const out = synthEnvironment({ specs: result.specs, environment: result.environment!, outDir: join(tmp, `example-${env}`) });
    const tf = JSON.parse(readFileSync(join(out.stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(tf.resource.aws_lambda_function)).toHaveLength(4);
    expect(Object.keys(tf.resource.aws_glue_catalog_table).length).toBeGreaterThan(0);
    expect(tf.terraform.backend.s3.key).toBe(`prospect-iac/${env}/terraform.tfstate`);
  });
});

describe('withoutTokenCreationStacks', () => {
  test('errors thrown inside keep their message and, once outside, their stack', () => {
    let caught: Error | undefined;
    try {
      withoutTokenCreationStacks(() => {
        throw new Error('Environment "x" has no region');
      });
    } catch (e) {
      caught = e as Error;
    }
    expect(caught?.message).toBe('Environment "x" has no region');
    expect(caught?.stack).toContain('synth.test.ts');
  });
});
