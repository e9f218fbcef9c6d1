/** How a command prints: human lines, or one JSON document with `--json`. */
export interface Output {
  json: boolean;
  /** A progress/info line (stderr, so stdout stays parseable). */
  info(line: string): void;
  /** The command's result: JSON when `--json`, else the human text. */
  result(value: unknown, human: () => string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    info: (line) => {
      if (!json) process.stderr.write(`${line}\n`);
    },
    result: (value, human) => {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
  };
}

/** An error the CLI prints as one line (plus a hint) with a chosen exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint: string;
  constructor(message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint ?? '';
  }
}

/**
 * A flag's whole-number value, from `minimum` (default 1) up to `maximum` if given, or a CliError naming
 * the flag, its range and the value given.
 */
export function integerFlag(
  value: string,
  flag: string,
  minimum = 1,
  maximum = Number.POSITIVE_INFINITY,
): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < minimum || number > maximum) {
    const range = maximum === Number.POSITIVE_INFINITY ? `≥ ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new CliError(`${flag} must be an integer ${range}, got '${value}'`);
  }
  return number;
}
