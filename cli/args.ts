// Argument parsing shared by the commands (node:util parseArgs, strict).

import { parseArgs, ParseArgsConfig } from 'node:util';
import { UsageError } from '../specs/validate';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options, maxPositionals: number, usage: string): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let r: ReturnType<typeof parseArgs>;
  try {
    r = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/, '')}\nusage: ${usage}`);
  }
  if (r.positionals.length > maxPositionals) throw new UsageError(`unexpected argument "${r.positionals[maxPositionals]}"\nusage: ${usage}`);
  return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
}

export function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  }
  return value as T;
}

export function required(value: string | boolean | undefined, flag: string, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required\nusage: ${usage}`);
  return value;
}
