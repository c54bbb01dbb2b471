import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bufferIo } from '../../cli/io';
import { main } from '../../cli/main';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'prospecting');

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-synth-spec-'));
  for (const f of fs.readdirSync(EXAMPLE)) if (f.endsWith('.yaml')) fs.copyFileSync(path.join(EXAMPLE, f), path.join(dir, f));
  return dir;
}

function tmpOut(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-synth-out-')), 'out');
}

describe('prospect synth', () => {
  test('writes OUT/stacks/<env>/cdk.tf.json for dev and prod, sharing one cdktf manifest', async () => {
    const out = tmpOut();
    for (const env of ['dev', 'prod']) {
      const io = bufferIo();
      expect(await main(['synth', EXAMPLE, '--env', env, '--out', out], io)).toBe(0);
      expect(io.stdout).toContain(`synthesized environment "${env}"`);
      const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks', env, 'cdk.tf.json'), 'utf8'));
      expect(Object.keys(tf.resource)).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_lambda_function', 'aws_kms_key']));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['dev', 'prod']);
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith('.prospect-synth'))).toEqual([]);
  });

  test('synthesizing twice gives byte-identical Terraform JSON', async () => {
    const a = tmpOut();
    const b = tmpOut();
    expect(await main(['synth', EXAMPLE, '--env', 'prod', '--out', a], bufferIo())).toBe(0);
    expect(await main(['synth', EXAMPLE, '--env', 'prod', '--out', b], bufferIo())).toBe(0);
    expect(fs.readFileSync(path.join(a, 'stacks/prod/cdk.tf.json'), 'utf8')).toBe(fs.readFileSync(path.join(b, 'stacks/prod/cdk.tf.json'), 'utf8'));
  });

  test('a failed validation writes nothing and exits 1', async () => {
    const spec = copyExample();
    const file = path.join(spec, 'dataset.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/afterDays: \d+/, 'afterDays: 0'));
    const out = tmpOut();
    const io = bufferIo();
    expect(await main(['synth', spec, '--env', 'prod', '--out', out], io)).toBe(1);
    expect(io.stderr).toMatch(/dataset\.yaml:\d+:\d+ {2}error/);
    expect(io.stderr).toContain('synth: nothing written');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a security finding without a suppression fails synth and writes nothing', async () => {
    const spec = copyExample();
    const file = path.join(spec, 'environments.yaml');
    // dev keeps logs 14 days; without its reasoned suppression CKV_AWS_338 fires
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/  suppressions:\n(    .*\n)+/, ''));
    const out = tmpOut();
    const io = bufferIo();
    expect(await main(['synth', spec, '--env', 'dev', '--out', out], io)).toBe(1);
    expect(io.stderr).toMatch(/^CKV_AWS_338 {2}aws_cloudwatch_log_group\./m);
    expect(io.stderr).toContain('security finding');
    expect(fs.existsSync(path.join(out, 'stacks'))).toBe(false);
  });

  test('a local environment has no stack: bad usage, exit 2', async () => {
    const io = bufferIo();
    expect(await main(['synth', EXAMPLE, '--env', 'local', '--out', tmpOut()], io)).toBe(2);
    expect(io.stderr).toContain('runtime local');
  });

  test('--env is required', async () => {
    const io = bufferIo();
    expect(await main(['synth', EXAMPLE], io)).toBe(2);
    expect(io.stderr).toContain('--env is required');
  });
});
