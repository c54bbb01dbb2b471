import * as path from 'node:path';
import { main, reportFailure } from '../../cli/main';
import { bufferIo } from '../../cli/io';
import { UsageError } from '../../specs/validate';

const PLANS = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'terraform-plans');

describe('prospect command line', () => {
  test('no command prints the help and exits 2 (bad usage)', async () => {
    const io = bufferIo();
    expect(await main([], io)).toBe(2);
    expect(io.stdout).toContain('usage: prospect <command>');
  });

  test('an unknown command names it and exits 2', async () => {
    const io = bufferIo();
    expect(await main(['deploy'], io)).toBe(2);
    expect(io.stderr).toContain('unknown command "deploy"');
  });

  test('--help on a command prints its usage and exits 0', async () => {
    const io = bufferIo();
    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('prospect validate [DIR]');
  });

  test('an unknown option is bad usage (exit 2), with the usage line', async () => {
    const io = bufferIo();
    expect(await main(['validate', 'examples/prospecting', '--nope'], io)).toBe(2);
    expect(io.stderr).toMatch(/Unknown option '--nope'/);
    expect(io.stderr).toContain('usage: prospect validate');
  });

  test('unexpected errors are one line without a stack trace, exit 70', () => {
    const io = bufferIo();
    const code = reportFailure(new TypeError('boom'), io);
    expect(code).toBe(70);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('internal error: boom');
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  test('file-system failures are said in words, exit 1', () => {
    const io = bufferIo();
    const e = Object.assign(new Error("ENOTDIR: not a directory, mkdir '/tmp/f/stacks'"), { code: 'ENOTDIR', syscall: 'mkdir', path: '/tmp/f/stacks' });
    expect(reportFailure(e, io)).toBe(1);
    expect(io.stderr).toBe('prospect: cannot mkdir /tmp/f/stacks: a part of the path is a file, not a folder\n');
  });

  test('usage errors exit 2 with the message', () => {
    const io = bufferIo();
    expect(reportFailure(new UsageError('spec folder not found: x'), io)).toBe(2);
    expect(io.stderr).toBe('prospect: spec folder not found: x\n');
  });
});

describe('prospect plan-report', () => {
  test('renders a real plan as markdown with the summary line first', async () => {
    const io = bufferIo();
    expect(await main(['plan-report', path.join(PLANS, 'aws-lambda-events-delete-update.json')], io)).toBe(0);
    expect(io.stdout.split('\n')[0]).toContain('5 to create, 1 to update, 0 to replace, 2 to destroy');
  });

  test('a file that is not a plan is one clear line and exit 1', async () => {
    const io = bufferIo();
    expect(await main(['plan-report', path.join(PLANS, 'invalid-not-a-plan.json')], io)).toBe(1);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('not a terraform plan');
  });

  test('a missing file is bad usage (exit 2)', async () => {
    const io = bufferIo();
    expect(await main(['plan-report', '/nonexistent/plan.json'], io)).toBe(2);
    expect(io.stderr).toContain('no such file');
  });

  test('an unknown format is bad usage (exit 2)', async () => {
    const io = bufferIo();
    expect(await main(['plan-report', path.join(PLANS, 'empty.json'), '--format', 'html'], io)).toBe(2);
    expect(io.stderr).toContain('--format must be one of markdown, json, text');
  });
});
