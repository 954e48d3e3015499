/**
 * The options of the `vmfilter/valid-filter` rule: their JSON schema (ESLint validates the
 * configuration against it before the rule runs) and their defaults.
 * @module
 */
import { schemaByName, schemaNames } from "../schema/builtin/index.js";
import type { Schema } from "../schema/schema.js";
import type { Severity } from "../syntax/diagnostics.js";
import type { RuleConfig, RuleLevel } from "../validate/rule.js";
import { rules as builtInRules } from "../validate/validate.js";

/** A call whose argument is a filter: `{ callee: "client.list", argument: 1 }` checks the second argument of `client.list(…)`. */
export interface CallOption {
  /** The callee as written, dotted: `list`, `client.list`, `this.api.list` (matched exactly). */
  readonly callee: string;
  /** The index of the argument that holds the filter, from 0. */
  readonly argument: number;
}

/** The rule's options object, as written in the ESLint configuration. */
export interface ValidFilterOptions {
  /** A built-in schema name (`"vm.host"`): field names, types and enum values are then checked. */
  readonly schema?: string;
  /** vmfilter rule id → level (`"off"`, `"error"`, `"warning"`, `"info"`, `"hint"`), as `analyze` takes them. */
  readonly rules?: RuleConfig;
  /** Tags of tagged templates that hold a WHERE expression (default `["where"]`); `${}` in them are values. */
  readonly tags?: readonly string[];
  /** Property names whose string value is a filter (`{ where: "…" }`); default none. */
  readonly keys?: readonly string[];
  /** Calls whose argument is a filter; default none. */
  readonly calls?: readonly CallOption[];
  /** Report filters not in canonical form, with a fix that writes it (default true). */
  readonly canonical?: boolean;
  /** The least severe vmfilter diagnostic reported (default `"warning"`: errors and warnings). */
  readonly minSeverity?: Severity;
}

/** The options with defaults applied and the schema looked up. */
export interface ResolvedOptions {
  readonly schema: Schema | undefined;
  readonly rules: RuleConfig | undefined;
  readonly tags: ReadonlySet<string>;
  readonly keys: ReadonlySet<string>;
  readonly calls: readonly CallOption[];
  readonly canonical: boolean;
  readonly minSeverity: Severity;
}

/** Severities from most to least severe. */
export const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "info", "hint"];

const LEVELS: readonly RuleLevel[] = ["off", "error", "warning", "warn", "info", "hint"];

/** The JSON schema of the rule's options (one optional object), as `meta.schema` takes it. */
export const optionsSchema = [
  {
    type: "object",
    properties: {
      schema: { enum: [...schemaNames], description: "A built-in schema name." },
      rules: {
        type: "object",
        properties: Object.fromEntries(builtInRules.map((rule) => [rule.id, { enum: [...LEVELS] }])),
        additionalProperties: false,
        description: "vmfilter rule id → level.",
      },
      tags: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
      keys: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
      calls: {
        type: "array",
        items: {
          type: "object",
          properties: { callee: { type: "string", minLength: 1 }, argument: { type: "integer", minimum: 0 } },
          required: ["callee", "argument"],
          additionalProperties: false,
        },
      },
      canonical: { type: "boolean" },
      minSeverity: { enum: [...SEVERITY_ORDER] },
    },
    additionalProperties: false,
  },
];

/** The default tags: the package's own `where` template. */
export const DEFAULT_TAGS: readonly string[] = ["where"];

/** Applies the defaults; the options were validated against {@link optionsSchema} by ESLint. */
export function resolveOptions(options: ValidFilterOptions | undefined): ResolvedOptions {
  const given = options ?? {};
  return {
    schema: given.schema === undefined ? undefined : schemaByName(given.schema),
    rules: given.rules,
    tags: new Set(given.tags ?? DEFAULT_TAGS),
    keys: new Set(given.keys ?? []),
    calls: given.calls ?? [],
    canonical: given.canonical ?? true,
    minSeverity: given.minSeverity ?? "warning",
  };
}

/** Whether a diagnostic of `severity` is reported under `minSeverity`. */
export function isReported(severity: Severity, minSeverity: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(minSeverity);
}
