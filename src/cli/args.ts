/// <reference types="node" />
/**
 * Command-line parsing with `node:util`'s parseArgs (strict: an unknown option is a usage error),
 * and the options every filter command shares.
 * @module
 */
import { parseArgs } from "node:util";
import { UsageError, type Command, type OptionSpec, type OptionValues } from "./command.js";

/** Options every command that takes filters has. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  file: { type: "string", value: "path", description: "read one filter per line from a file (`-` for stdin), streaming" },
  field: { type: "string", value: "name", description: "with --file: lines are JSON objects (JSONL); read the filter from this member" },
  format: { type: "string", value: "text|json|sarif", description: "how results and diagnostics are written (default text)" },
  jobs: { type: "string", value: "n|auto", description: "with --file: threads that process the lines, this one and n-1 workers (default auto: one per core, at most 4, for files of 2 MiB or more)" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

/** Parses a command's arguments; unknown or malformed options throw {@link UsageError}. */
export function parseCommandArgs(command: Command, args: readonly string[]): { values: OptionValues; positionals: string[] } {
  const all = { ...(command.takesFilter ? COMMON_OPTIONS : { help: COMMON_OPTIONS.help! }), ...command.options };
  const options = Object.fromEntries(
    Object.entries(all).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, "."));
  }
}

/** The value of a string option that must be one of `choices`. */
export function choice<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const value = values[name];
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !choices.includes(value as T)) throw new UsageError(`--${name} must be one of ${choices.join(", ")}; got ${JSON.stringify(value)}.`);
  return value as T;
}
