// Shared by the commands that run the pipeline (run, ingest, audience preview): validate the
// spec set for an environment and build the runtime manifest the handlers would read.

import { formatText, summary } from '../../specs/diagnostics';
import type { Doc } from '../../specs/model';
import { UsageError, validateSpecDir } from '../../specs/validate';
import { buildRuntimeManifest, RuntimeManifest } from '../../runtime/manifest';
import { CliError } from '../errors';
import type { Io } from '../io';

export interface LoadedEnvironment {
  readonly manifest: RuntimeManifest;
  readonly environment: Doc<'Environment'>;
}

/**
 * Validates DIR for `env` (default: the one environment with runtime local) and returns its
 * runtime manifest; an invalid spec set prints its diagnostics and fails with exit 1.
 */
export function loadEnvironment(dir: string, env: string | undefined, io: Io, opts: { requireLocal?: boolean } = {}): LoadedEnvironment {
  const name = env ?? defaultLocalEnvironment(dir);
  const r = validateSpecDir(dir, { env: name });
  if (!r.ok || !r.environment) {
    io.err(formatText(r.diagnostics));
    throw new CliError(`the spec set has errors (${summary(r.diagnostics, r.documents)}): fix them first (prospect validate ${dir} --env ${name})`);
  }
  if (opts.requireLocal && r.environment.spec.runtime !== 'local') {
    throw new UsageError(`environment "${name}" has runtime ${r.environment.spec.runtime}: this command runs the pipeline on a runtime: local environment (its AWS stack runs it in Lambda)`);
  }
  return { manifest: buildRuntimeManifest(r.specs, r.environment), environment: r.environment };
}

function defaultLocalEnvironment(dir: string): string {
  const r = validateSpecDir(dir);
  const local = [...r.specs.byKind.Environment.values()].filter((e) => e.spec.runtime === 'local').map((e) => e.metadata.name).sort();
  if (local.length === 1) return local[0];
  throw new UsageError(local.length === 0 ? `no Environment with runtime: local in ${dir}: add one or pass --env NAME` : `several local environments (${local.join(', ')}): pass --env NAME`);
}
