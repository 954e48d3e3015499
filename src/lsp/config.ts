/// <reference types="node" />
/**
 * The language server's settings: the schema and the rule levels, from the client's
 * `initializationOptions` or else from `vmfilter.config.json` in the workspace root. A bad setting
 * is reported (the server shows it with `window/showMessage`) and left out; loading never throws.
 * @module
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { schemaFromFile } from "../cli/schema-option.js";
import { schemaByName, schemaNames } from "../schema/builtin/index.js";
import type { Schema } from "../schema/schema.js";
import type { RuleConfig, RuleLevel } from "../validate/rule.js";

/** The name of the configuration file the server reads from the workspace root. */
export const CONFIG_FILE = "vmfilter.config.json";

/** What the services are run with. */
export interface Settings {
  /** The entity the documents' filters are for; without one, fields are not checked. */
  readonly schema?: Schema;
  /** Rule id → level, as `vmfilter lint --rule` and `analyze` take them. */
  readonly rules?: RuleConfig;
}

/** Settings with where they came from and what was wrong with them. */
export interface LoadedSettings {
  readonly settings: Settings;
  /** `"initializationOptions"`, the configuration file's path, or `"defaults"` (neither was given). */
  readonly source: string;
  /** Problems, in plain words; the settings hold what was usable (no schema when the schema was bad). */
  readonly problems: readonly string[];
}

const LEVELS: readonly RuleLevel[] = ["off", "error", "warning", "warn", "info", "hint"];
const KEYS: readonly string[] = ["schema", "schemaFile", "rules"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function loadSchemaFile(path: string, problems: string[]): Schema | undefined {
  try {
    return schemaFromFile(path);
  } catch (error) {
    // schemaFromFile throws only UsageError
    problems.push((error as Error).message);
    return undefined;
  }
}

/** `schema`: a built-in name (`"vm.host"`), or a path to a schema file (it has a `/` or ends in `.json`). */
function schemaSetting(value: unknown, base: string, problems: string[]): Schema | undefined {
  if (typeof value !== "string" || value === "") {
    problems.push(`"schema" must be a built-in schema name (${schemaNames.slice(0, 3).join(", ")}, …) or a path to a schema file; got ${JSON.stringify(value)}.`);
    return undefined;
  }
  const builtin = schemaByName(value);
  if (builtin) return builtin;
  if (/[\\/]/.test(value) || /\.json$/i.test(value)) return loadSchemaFile(resolve(base, value), problems);
  problems.push(`Unknown schema "${value}". Built-in schemas: ${schemaNames.join(", ")}; a schema file is given by its path ("./my-schema.json").`);
  return undefined;
}

/** `rules`: an object of rule id → level; a bad level drops that rule's setting. */
function rulesSetting(value: unknown, problems: string[]): RuleConfig | undefined {
  if (!isObject(value)) {
    problems.push(`"rules" must be an object of rule id → level (off, error, warning, info, hint); got ${JSON.stringify(value)}.`);
    return undefined;
  }
  const rules: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(value)) {
    const normal = typeof level === "string" ? level.toLowerCase() : level;
    if (typeof normal === "string" && LEVELS.includes(normal as RuleLevel)) rules[id] = normal as RuleLevel;
    else problems.push(`The level of rule "${id}" must be one of off, error, warning, info, hint; got ${JSON.stringify(level)} (the setting is ignored).`);
  }
  // an unknown rule id is kept: the validator reports it (unknown-rule) with a did-you-mean
  return rules;
}

/**
 * Reads a settings object (the client's `initializationOptions`, or the configuration file's
 * content): `schema` (a built-in name or a schema file's path), `schemaFile` (a path) and `rules`.
 * Relative paths are resolved against `base`. Never throws.
 */
export function readSettings(value: unknown, base: string, source: string): LoadedSettings {
  const problems: string[] = [];
  if (!isObject(value)) return { settings: {}, source, problems: [`The settings must be a JSON object; got ${JSON.stringify(value) ?? String(value)}.`] };
  for (const key of Object.keys(value)) if (!KEYS.includes(key)) problems.push(`Unknown setting "${key}" (ignored); the settings are ${KEYS.join(", ")}.`);
  let schema: Schema | undefined;
  if (value.schema !== undefined && value.schemaFile !== undefined) {
    problems.push(`Give "schema" or "schemaFile", not both.`);
  } else if (value.schema !== undefined) {
    schema = schemaSetting(value.schema, base, problems);
  } else if (value.schemaFile !== undefined) {
    if (typeof value.schemaFile === "string" && value.schemaFile !== "") schema = loadSchemaFile(resolve(base, value.schemaFile), problems);
    else problems.push(`"schemaFile" must be a path; got ${JSON.stringify(value.schemaFile)}.`);
  }
  const rules = value.rules === undefined ? undefined : rulesSetting(value.rules, problems);
  return { settings: { ...(schema ? { schema } : {}), ...(rules ? { rules } : {}) }, source, problems };
}

/** The settings of `vmfilter.config.json` in `root`; `"defaults"` when there is no such file. */
export function readConfigFile(root: string): LoadedSettings {
  const path = join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { settings: {}, source: "defaults", problems: [] };
    return { settings: {}, source: path, problems: [`Cannot read ${path}: ${(error as Error).message}`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { settings: {}, source: path, problems: [`${CONFIG_FILE} is not valid JSON: ${(error as SyntaxError).message}`] };
  }
  return readSettings(value, root, path);
}

/** Whether the client's initializationOptions hold vmfilter settings (any other value means "none given"). */
function givesSettings(options: unknown): boolean {
  if (options === undefined || options === null) return false;
  if (!isObject(options)) return true; // a string, a number…: reported as wrong
  return Object.keys(options).length > 0;
}

/**
 * The settings for a session: the client's `initializationOptions` when it gives any (a non-empty
 * object, or something that is not an object, which is reported), else `vmfilter.config.json` in
 * `root` when there is a root and the file, else none. Never throws.
 */
export function loadSettings(initializationOptions: unknown, root: string | undefined): LoadedSettings {
  if (givesSettings(initializationOptions)) return readSettings(initializationOptions, root ?? process.cwd(), "initializationOptions");
  if (root === undefined) return { settings: {}, source: "defaults", problems: [] };
  return readConfigFile(root);
}

/**
 * The workspace root folder of an `initialize` request: the first workspace folder, else
 * `rootUri`, else `rootPath`; undefined when there is none or it is not a `file:` URI.
 */
export function workspaceRoot(params: { workspaceFolders?: readonly { uri: string }[] | null; rootUri?: string | null; rootPath?: string | null }): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (typeof uri === "string") {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined; // not a file: URI (a virtual workspace)
    }
  }
  return typeof params.rootPath === "string" && isAbsolute(params.rootPath) ? params.rootPath : undefined;
}
