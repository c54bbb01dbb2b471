import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFindings, runSecurityChecks } from '../../checks';
import type { TerraformJson } from '../../checks';
import { formatText, summary } from '../../specs/diagnostics';
import { UsageError, validateSpecDir } from '../../specs/validate';
import { synthEnvironment } from '../../stacks/synth';
import { parse, required } from '../args';
import { CliError } from '../errors';
import type { Io } from '../io';

export const USAGE = 'prospect synth [DIR] --env NAME [--out DIR]';

/**
 * Validate, synthesize into a scratch folder, run the security checks, and only then move the
 * stack into OUT: a failed validation or a finding writes nothing.
 */
export async function synthCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { env: { type: 'string' }, out: { type: 'string' } }, 1, USAGE);
  const envName = required(values.env, '--env', USAGE);
  const dir = positionals[0] ?? '.';
  const out = path.resolve((values.out as string | undefined) ?? 'cdktf.out');
  const r = validateSpecDir(dir, { env: envName });
  if (!r.ok || !r.environment) {
    io.err(formatText(r.diagnostics));
    io.err(`synth: nothing written: ${summary(r.diagnostics, r.documents)}`);
    return 1;
  }
  if (r.environment.spec.runtime !== 'aws') {
    throw new UsageError(`environment "${envName}" has runtime ${r.environment.spec.runtime}: it has no cloud stack; use "prospect run ${dir} --env ${envName}"`);
  }
  if (r.diagnostics.length) io.err(formatText(r.diagnostics));

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(path.dirname(out), `.prospect-synth-${envName}-`));
  try {
    let stackDir: string;
    try {
      ({ stackDir } = synthEnvironment({ specs: r.specs, environment: r.environment, outDir: scratch, specDir: dir }));
    } catch (e) {
      // constructs refuse what no resource can express (limits of IAM, S3, EventBridge): the spec's fault
      throw new CliError(`synth: nothing written: ${(e as Error).message}`);
    }
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as TerraformJson;
    const report = runSecurityChecks(tf, r.environment.spec.suppressions ?? []);
    for (const u of report.unusedSuppressions) {
      io.err(`warning: suppression ${u.index} (${u.suppression.rule}${u.suppression.resource ? ` on ${u.suppression.resource}` : ''}) ${u.unknownRule ? 'names an unknown rule' : 'matched no finding'}: remove it`);
    }
    if (report.findings.length) {
      io.err(formatFindings(report.findings));
      io.err(`synth: nothing written: ${report.findings.length} security finding${report.findings.length === 1 ? '' : 's'}; fix them or add a suppression with a reason to Environment "${envName}"`);
      return 1;
    }
    install(scratch, out, envName);
    const target = path.join(out, 'stacks', envName);
    io.out(`synthesized environment "${envName}" to ${displayPath(target)}/cdk.tf.json (${Object.values(tf.resource ?? {}).reduce((n, byName) => n + Object.keys(byName as object).length, 0)} resources, ${report.suppressed.length} suppressed finding${report.suppressed.length === 1 ? '' : 's'})`);
    return 0;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Move OUT-scratch/stacks/<env> into OUT and merge cdktf's manifest so several environments can share OUT. */
function install(scratch: string, out: string, envName: string): void {
  const target = path.join(out, 'stacks', envName);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(path.join(scratch, 'stacks', envName), target);
  const manifestPath = path.join(out, 'manifest.json');
  const fresh = JSON.parse(fs.readFileSync(path.join(scratch, 'manifest.json'), 'utf8')) as { stacks?: Record<string, unknown> };
  let merged = fresh;
  if (fs.existsSync(manifestPath)) {
    try {
      const old = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { stacks?: Record<string, unknown> };
      merged = { ...fresh, stacks: { ...(old.stacks ?? {}), ...(fresh.stacks ?? {}) } };
    } catch {
      merged = fresh; // an unreadable manifest is replaced
    }
  }
  const stacks = Object.fromEntries(Object.entries(merged.stacks ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
  fs.writeFileSync(manifestPath, JSON.stringify({ ...merged, stacks }, null, 2) + '\n');
}

function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}
