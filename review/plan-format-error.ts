// The one error `parsePlan` throws: the file is not a terraform plan this tool can read.

/** Printed by the CLI as one line: `PlanFormatError: <file>: not a terraform plan (<why>)`. */
export class PlanFormatError extends Error {
  override readonly name = 'PlanFormatError';

  constructor(
    readonly file: string,
    readonly detail: string,
    kind: 'not-a-plan' | 'unsupported-version' = 'not-a-plan',
  ) {
    super(
      kind === 'not-a-plan'
        ? `${file}: not a terraform plan (${oneLine(detail)})`
        : `${file}: unsupported terraform plan (${oneLine(detail)})`,
    );
  }

  /** The line a command prints. */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
