/** A small, strict argument parser: unknown options and missing values are usage errors (exit 2). */

export class UsageError extends Error {}

export interface OptionSpec {
  /** Long name without dashes, e.g. `format`. */
  name: string;
  short?: string;
  /** Options that take a value; flags otherwise. */
  takesValue: boolean;
  /** Allowed values, when the option is an enum. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [rawName, inlineValue] = splitInlineValue(arg);
    const spec = rawName.startsWith('--')
      ? specs.find((candidate) => candidate.name === rawName.slice(2))
      : specs.find((candidate) => candidate.short === rawName.slice(1));
    if (!spec) throw new UsageError(`unknown option '${rawName}'`);
    if (!spec.takesValue) {
      if (inlineValue !== undefined) throw new UsageError(`option '--${spec.name}' takes no value`);
      options.set(spec.name, true);
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined) throw new UsageError(`option '--${spec.name}' needs a value`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`option '--${spec.name}' must be one of ${spec.choices.join(', ')} (got '${value}')`);
    }
    options.set(spec.name, value);
  }
  return { positionals, options };
}

function splitInlineValue(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}
