// The real synthesizer for `prospect diff`: stacks/synth.ts writes cdktf's layout to a folder,
// so each call synthesizes into a temporary folder, reads OUT/stacks/<env>/cdk.tf.json and
// removes the folder. Nothing is written anywhere else.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Doc, SpecSet } from '../../specs/model';
import { synthEnvironment } from '../../stacks/synth';
import type { Synthesize } from './diff-command';
import type { TerraformJson } from './terraform-diff';

export const synthesizeEnvironment: Synthesize = async (specs: SpecSet, environment: Doc<'Environment'>): Promise<TerraformJson> => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-diff-'));
  try {
    const { stackDir } = synthEnvironment({ specs, environment, outDir: out });
    return JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
};
