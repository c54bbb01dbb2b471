// The cdktf app entry (cdktf.json: "app": "node dist/stacks/app.js"), so `npx cdktf synth`
// works as well as `prospect synth`. Reads PROSPECT_SPEC_DIR (default: the current folder) and
// PROSPECT_ENV (default: every environment with runtime aws), validates, and adds one stack per
// environment. Validation errors are printed as diagnostics and nothing is synthesized.

import { App } from 'cdktf';
import { formatText, hasErrors } from '../specs/diagnostics';
import { validateSpecDir } from '../specs/validate';
import type { Doc } from '../specs/model';
import { EnvironmentStack } from './environment-stack';

function main(): void {
  const specDir = process.env.PROSPECT_SPEC_DIR ?? '.';
  const only = process.env.PROSPECT_ENV;
  const first = validateSpecDir(specDir, only ? { env: only } : {});
  if (hasErrors(first.diagnostics)) {
    process.stderr.write(`${formatText(first.diagnostics)}\n`);
    process.exit(1);
  }
  const names = only ? [only] : [...first.specs.byKind.Environment.values()].filter((e) => e.spec.runtime === 'aws').map((e) => e.metadata.name).sort();
  if (names.length === 0) {
    process.stderr.write(`no environment with runtime aws in ${specDir}; set PROSPECT_ENV or add one\n`);
    process.exit(1);
  }
  const app = new App({ stackTraces: false });
  for (const name of names) {
    // Validate per environment so that its overrides are applied.
    const result = name === only ? first : validateSpecDir(specDir, { env: name });
    if (hasErrors(result.diagnostics)) {
      process.stderr.write(`${formatText(result.diagnostics)}\n`);
      process.exit(1);
    }
    const environment: Doc<'Environment'> | undefined = result.environment;
    if (environment === undefined) {
      process.stderr.write(`environment "${name}" is not declared in ${specDir}\n`);
      process.exit(1);
    }
    new EnvironmentStack(app, { specs: result.specs, environment, specDir });
  }
  app.synth();
}

try {
  main();
} catch (e) {
  process.stderr.write(`prospect synth: ${(e as Error).message}\n`);
  process.exit(1);
}
