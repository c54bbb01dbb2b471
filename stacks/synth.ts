// Synthesizes one environment to Terraform JSON in cdktf's layout (OUT/stacks/<env>/cdk.tf.json
// plus assets, and OUT/manifest.json), as `prospect synth` and `cdktf synth` both expect.

import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import type { Doc, SpecSet } from '../specs/model';
import { EnvironmentStack } from './environment-stack';

export interface SynthEnvironmentOptions {
  /** A validated spec set, with the environment's overrides applied. */
  readonly specs: SpecSet;
  readonly environment: Doc<'Environment'>;
  /** Output folder (created when missing). */
  readonly outDir: string;
  /** The spec folder, named in error messages. */
  readonly specDir?: string;
}

export interface SynthEnvironmentResult {
  /** OUT/stacks/<environment>. */
  readonly stackDir: string;
  /** Every file of the stack folder plus OUT/manifest.json, absolute, sorted. */
  readonly files: string[];
}

export function synthEnvironment(opts: SynthEnvironmentOptions): SynthEnvironmentResult {
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  withoutTokenCreationStacks(() => {
    const app = new App({ outdir: outDir, stackTraces: false });
    new EnvironmentStack(app, { specs: opts.specs, environment: opts.environment, specDir: opts.specDir });
    app.synth();
  });
  const stackDir = join(outDir, 'stacks', opts.environment.metadata.name);
  return { stackDir, files: [join(outDir, 'manifest.json'), ...listFiles(stackDir)].sort() };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Runs `fn` without the stack traces cdktf records for every token it creates (each attribute
 * reference, each nested block), only to quote them if that token later fails to resolve; on a
 * large spec set that is about half of construction time. During the call Error.captureStackTrace
 * records nothing and stacks format as ''. Errors thrown by `fn` keep their message; their stack
 * is formatted lazily, after the previous hooks are back.
 */
export function withoutTokenCreationStacks<T>(fn: () => T): T {
  const previous = Error.prepareStackTrace;
  const capture = Error.captureStackTrace;
  Error.prepareStackTrace = () => '';
  // cdktf captures each token's creation stack with Error.captureStackTrace (and no frame limit);
  // errors made with `new Error` are not affected by this and keep their own stacks.
  Error.captureStackTrace = (target: object) => {
    (target as { stack?: string }).stack = '';
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
    Error.captureStackTrace = capture;
  }
}
