// The `prospect` command line: dispatch, and one place that turns every failure into a
// one-line message and an exit code (never a stack trace unless PROSPECT_DEBUG is set).

import { UsageError } from '../specs/validate';
import { CliError } from './errors';
import { diffCommand } from './commands/diff';
import { audiencePreviewCommand } from './commands/audience-preview';
import { graphCommand } from './commands/graph';
import { ingestCommand } from './commands/ingest';
import { planReportCommand } from './commands/plan-report';
import { runCommand } from './commands/run';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { Io, processIo } from './io';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  validate: { run: validateCommand, summary: 'load and check a spec set' },
  synth: { run: synthCommand, summary: 'validate, then write Terraform JSON for an environment' },
  run: { run: runCommand, summary: 'run the pipeline (ingest, segment, export) on a local environment' },
  ingest: { run: ingestCommand, summary: 'ingest (or --dry-run check) one partner file as a source would' },
  'audience preview': { run: audiencePreviewCommand, summary: 'size and sample of one audience over the current profiles' },
  graph: { run: graphCommand, summary: 'lineage: source, dataset, audience, activation, destination' },
  diff: { run: diffCommand, summary: 'what a change does, offline: spec and resource changes between two git revisions' },
  'plan-report': { run: planReportCommand, summary: 'render terraform show -json output for a pull request' },
};

export const HELP = `prospect: infrastructure as code for prospecting with partner data

usage: prospect <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(18)}${c.summary}`)
  .join('\n')}

Run "prospect <command> --help" for a command's options.`;

export { CliError };

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(packageVersion());
    return 0;
  }
  let key = name;
  let args = rest;
  if (name === 'audience' && rest[0] === 'preview') {
    key = 'audience preview';
    args = rest.slice(1);
  }
  const cmd = COMMANDS[key];
  if (!cmd) {
    io.err(`prospect: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    const usage = (await import(`./commands/${key.replace(' ', '-')}`).catch(() => ({}))) as { USAGE?: string };
    io.out(`usage: ${usage.USAGE ?? `prospect ${key}`}`);
    return 0;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    return reportFailure(e, io);
  }
}

function packageVersion(): string {
  // cli/ in the sources, dist/cli/ when built
  for (const p of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'prospect-iac') return pkg.version ?? 'unknown';
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

/** File-system failures the user can fix: said in words, not as an internal error. */
const FILE_SYSTEM_ERRORS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
};

export function reportFailure(e: unknown, io: Io): number {
  const err = e as Error & { exitCode?: number; code?: string };
  if (process.env.PROSPECT_DEBUG) io.err(err?.stack ?? String(e));
  if (e instanceof UsageError) {
    io.err(`prospect: ${err.message}`);
    return 2;
  }
  if (e instanceof CliError || (err && typeof err.exitCode === 'number')) {
    io.err(`prospect: ${err.message}`);
    return err.exitCode ?? 1;
  }
  if (err && err.code === 'ENOENT') {
    io.err(`prospect: file not found: ${(err as { path?: string }).path ?? err.message}`);
    return 2;
  }
  if (err && typeof err.code === 'string' && FILE_SYSTEM_ERRORS[err.code]) {
    const e = err as { path?: string; dest?: string; syscall?: string };
    io.err(`prospect: cannot ${e.syscall ?? 'write'} ${e.dest ?? e.path ?? ''}: ${FILE_SYSTEM_ERRORS[err.code]}`);
    return 1;
  }
  if (err && err.name && err.name !== 'Error' && err.name !== 'TypeError' && err.name !== 'RangeError' && err.name !== 'ReferenceError') {
    // named domain errors (PlanFormatError, IngestError, ...) carry user-facing messages
    io.err(`prospect: ${err.message}`);
    return 1;
  }
  io.err(`prospect: internal error: ${err?.message ?? String(e)} (set PROSPECT_DEBUG=1 for details, and please report it)`);
  return 70;
}
