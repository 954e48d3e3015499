/// <reference types="node" />
/**
 * `vmfilter lint`: every problem of a filter (syntax, the lint rules, and with a schema the field
 * checks), with a code frame per problem; `--fix` prints the filter with the quick fixes applied
 * instead, and `--fix --write` rewrites a `--file` in place.
 * @module
 */
import type { Diagnostic } from "../../syntax/diagnostics.js";
import { analyze, type AnalyzeOptions } from "../../validate/analyze.js";
import { applyFixes, isSafeFix, UNSAFE_FIX_CODES } from "../../validate/fixes.js";
import type { RuleConfig, RuleLevel } from "../../validate/rule.js";
import { rules as builtInRules } from "../../validate/validate.js";
import { UsageError, type Command, type FilterResult, type OptionValues, type RunMode } from "../command.js";
import { SCHEMA_OPTIONS, schemaOption } from "../schema-option.js";

const LEVELS: readonly RuleLevel[] = ["off", "error", "warning", "warn", "info", "hint"];

/** Most fix passes: a fix skipped for overlapping another is applied in the next pass. */
const MAX_FIX_PASSES = 4;

/** `--rule id=level` (repeatable; one value may also hold several, comma-separated): the rule configuration. */
export function ruleOption(value: OptionValues[string]): RuleConfig | undefined {
  if (value === undefined || typeof value === "boolean") return undefined;
  const config: Record<string, RuleLevel> = {};
  for (const item of (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(","))) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(item);
    if (!match) throw new UsageError(`--rule takes id=level (like keyword-case=off); got ${JSON.stringify(item)}.`);
    const [, id, level] = match as unknown as [string, string, string];
    const normal = level.toLowerCase();
    if (!LEVELS.includes(normal as RuleLevel)) throw new UsageError(`--rule ${id}: the level must be one of ${LEVELS.filter((l) => l !== "warn").join(", ")}; got ${JSON.stringify(level)}.`);
    config[id] = normal as RuleLevel; // the last setting of a rule wins; an unknown id is reported by analyze
  }
  return config;
}

/**
 * The filter with its quick fixes applied (those with unsafe fixes, `UNSAFE_FIX_CODES`, only when `unsafe`), in
 * passes until nothing changes (at most {@link MAX_FIX_PASSES}), and the diagnostics left, located
 * in the fixed text.
 */
export function fixFilter(text: string, options: AnalyzeOptions, unsafe = false): { fixed: string; diagnostics: readonly Diagnostic[] } {
  const applies = (d: Diagnostic) => d.fix !== undefined && (unsafe || isSafeFix(d));
  let fixed = text;
  let { diagnostics } = analyze(fixed, options);
  for (let pass = 0; pass < MAX_FIX_PASSES && diagnostics.some(applies); pass++) {
    const next = applyFixes(fixed, diagnostics.filter(applies));
    if (next === fixed) break;
    fixed = next;
    diagnostics = analyze(fixed, options).diagnostics;
  }
  return { fixed, diagnostics };
}

const ruleIds = builtInRules.map((r) => r.id);

export const lintCommand: Command = {
  name: "lint",
  summary: "report every problem of a filter (syntax, lint rules, fields with --schema); --fix applies the quick fixes",
  usage: "lint [filter] [--schema name | --schema-file path] [--rule id=level ...] [--fix [--unsafe-fixes] [--write]]",
  examples: [
    `vmfilter lint "where=name cp 'web' and state eq 'active'"`,
    `vmfilter lint --schema vm.host "nmae EQ 'web'"            # unknown field, with did-you-mean`,
    `vmfilter lint --schema-file my-entity.json --file saved.txt --format sarif > lint.sarif`,
    `vmfilter lint --rule keyword-case=off --rule no-mixed-and-or=error "a eq 1 or b EQ 2 AND c EQ 3"`,
    `vmfilter lint --fix "name eq web"                          # prints name EQ 'web'`,
    `vmfilter lint --fix --unsafe-fixes --schema vm.host "nmae CP 'web'"   # name EQ 'web'`,
    `vmfilter lint --fix --file saved.txt > fixed.txt          # stdout: one fixed filter per line`,
    `vmfilter lint --fix --write --file saved.txt              # rewrites saved.txt in place`,
    `# rules: ${ruleIds.join(", ")}`,
  ],
  options: {
    ...SCHEMA_OPTIONS,
    rule: {
      type: "string",
      multiple: true,
      value: "id=level",
      description: "set a rule's level: off, error, warning, info or hint (repeatable, or comma-separated)",
    },
    fix: {
      type: "boolean",
      description: "print the filter with the quick fixes applied (stdout) and the problems left (stderr); exit 1 if errors remain",
    },
    "unsafe-fixes": {
      type: "boolean",
      description: `with --fix: also apply the fixes that guess (did-you-mean) or change what matches (${[...UNSAFE_FIX_CODES].join(", ")})`,
    },
    write: { type: "boolean", description: "with --fix and --file: rewrite the file in place (through a temporary file renamed over it; left alone when nothing changes)" },
  },
  takesFilter: true,
  reportsDiagnostics: true,
  prepare(values) {
    const fix = values.fix === true;
    if (values.write === true && !fix) throw new UsageError("--write rewrites the file with the fixes applied: give --fix too.");
    if (values.write === true && (typeof values.file !== "string" || values.file === "-")) throw new UsageError("--write rewrites a file in place: give --file <path> (not stdin).");
    if (values.write === true && values.field !== undefined) throw new UsageError("--write rewrites a file of plain filters, one per line; it cannot rewrite a JSONL --field.");
    if (values.write === true && values.format !== undefined && values.format !== "text") throw new UsageError("--write writes the file; it takes no --format.");
    if (values["unsafe-fixes"] === true && !fix) throw new UsageError("--unsafe-fixes widens --fix: give --fix too.");
    if (fix && values.format === "sarif") throw new UsageError("--fix prints the fixed filters, which SARIF has no place for: use --format text or json.");
    const schema = schemaOption(values);
    const rules = ruleOption(values.rule);
    const options: AnalyzeOptions = { ...(schema ? { schema } : {}), ...(rules ? { rules } : {}) };
    if (!fix) return (text): FilterResult => ({ diagnostics: analyze(text, options).diagnostics });
    const unsafe = values["unsafe-fixes"] === true;
    return (text): FilterResult => {
      const { fixed, diagnostics } = fixFilter(text, options, unsafe);
      return { output: fixed, diagnostics };
    };
  },
  runMode(values): RunMode {
    return values.fix === true ? { text: "repair", inPlace: values.write === true } : { text: "diagnostics" };
  },
};
