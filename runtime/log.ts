// Structured logs for Lambda: one JSON object per line on stdout (CloudWatch Logs keeps each as
// an event and Logs Insights reads the fields), with a timestamp, a level and a message.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

export function jsonLogger(base: Record<string, unknown> = {}, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ timestamp: new Date().toISOString(), level, message, ...base, ...fields }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v instanceof Error ? { name: v.name, message: v.message } : v)));
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => jsonLogger({ ...base, ...fields }, write),
  };
}
