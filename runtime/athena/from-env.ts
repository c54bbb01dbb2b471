// The runner a pipeline function uses when the stack set it up for Athena: the manifest's engine
// is athena and PROSPECT_ATHENA_WORKGROUP names the workgroup (constructs/athena-workgroup.ts).

import { AthenaClient } from '@aws-sdk/client-athena';
import { ENV_VARS } from '../contract';
import type { Logger } from '../log';
import type { RuntimeManifest } from '../manifest';
import { AthenaQueryRunner } from './query-runner';

/** The part of the Lambda context the runner needs. */
export interface LambdaTime {
  getRemainingTimeInMillis(): number;
}

/** undefined: segment and export in DuckDB. */
export function athenaRunnerFromEnv(manifest: RuntimeManifest, log: Logger, context?: LambdaTime, env: NodeJS.ProcessEnv = process.env): AthenaQueryRunner | undefined {
  const workGroup = env[ENV_VARS.athenaWorkgroup];
  if (manifest.environment.segmentationEngine !== 'athena' || !workGroup) return undefined;
  return new AthenaQueryRunner({
    client: new AthenaClient({}),
    workGroup,
    database: manifest.environment.glueDatabase,
    remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
    log,
  });
}
