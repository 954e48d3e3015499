/// <reference types="node" />
/**
 * Arguments of the commands that read their own (`vmfilter lsp`, `vmfilter serve`: long-running
 * servers, no filter commands): strict parsing with `node:util`'s parseArgs and the help lines of
 * their options. The filter commands go through `args.ts` and the driver instead.
 * @module
 */
import { parseArgs } from "node:util";
import { UsageError } from "./command.js";

/** One option: its parseArgs type, a short flag, the value's name in help, the help text. */
export interface OwnOption {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly value?: string;
  readonly description: string;
}

/** Parses `args` strictly; an unknown or malformed option is a {@link UsageError}. */
export function parseOwnArgs(args: readonly string[], spec: Readonly<Record<string, OwnOption>>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(spec).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).replace(/\. To specify a positional argument.*$/s, "."));
  }
}

/** The options' help lines: `  -h, --name <value>   description`, the flags padded to `width`. */
export function optionLines(spec: Readonly<Record<string, OwnOption>>, width: number, valueSeparator: "=" | " "): string {
  return Object.entries(spec)
    .map(([name, o]) => `  ${`${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? `${valueSeparator}<${o.value}>` : ""}`.padEnd(width)} ${o.description}`)
    .join("\n");
}
