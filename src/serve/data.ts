/// <reference types="node" />
/**
 * The records `vmfilter serve` answers with: `--data` read once at start, each entity under the
 * path of its list function (`vm/v3/host`), with the schema `--schema` names.
 * @module
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../cli/command.js";
import { schemaByName, schemaNames } from "../schema/builtin/index.js";
import type { Schema } from "../schema/schema.js";

/** A record: a JSON object with an `id`. */
export type ServedRecord = Readonly<Record<string, unknown>> & { readonly id: number | string };

/** One entity served: its list function's path (`vm/v3/host`), records sorted by id, and its schema. */
export interface Entity {
  readonly path: string;
  readonly records: readonly ServedRecord[];
  readonly schema: Schema | undefined;
}

/** A list function's path: `<service>/<version>/<entity>`. */
const ENTITY_PATH = /^[A-Za-z][\w-]*\/v\d+\/[A-Za-z][\w-]*$/;

/** The path a built-in schema's entity is listed at: `vm.host` → `vm/v3/host`. */
export function schemaPath(name: string): string {
  const [service, entity] = name.split(".");
  return `${service}/v3/${entity}`;
}

function compareIds(a: ServedRecord, b: ServedRecord): number {
  if (typeof a.id === "number" && typeof b.id === "number") return a.id - b.id;
  if (typeof a.id === "number") return -1;
  if (typeof b.id === "number") return 1;
  return Number(a.id > b.id) - Number(a.id < b.id);
}

function records(value: unknown, where: string): ServedRecord[] {
  if (!Array.isArray(value)) throw new UsageError(`${where} must be an array of records.`);
  // ids unique as text: GET …/<entity>/7 names one record, so 7 and "7" cannot both be ids
  const seen = new Set<string>();
  value.forEach((record: unknown, index) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) throw new UsageError(`${where}[${index}] is not a JSON object.`);
    const id = (record as { id?: unknown }).id;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isSafeInteger(id)))) throw new UsageError(`${where}[${index}] has no id (a whole number or a string).`);
    if (seen.has(String(id))) throw new UsageError(`${where}[${index}]: the id ${JSON.stringify(id)} is used twice.`);
    seen.add(String(id));
  });
  // sorted by id once: the default order of a list, and the order ties keep (as in SQL's tie-breaker)
  return (value as ServedRecord[]).slice().sort(compareIds);
}

/**
 * A key without its leading and trailing slashes. A loop, not `/\/+$/`, which is quadratic on a
 * run of slashes that does not reach the end (test/security/redos.test.ts).
 */
function trimSlashes(key: string): string {
  let start = 0;
  let end = key.length;
  while (start < end && key.charCodeAt(start) === 47 /* / */) start++;
  while (end > start && key.charCodeAt(end - 1) === 47) end--;
  return key.slice(start, end);
}

/**
 * Reads `--data`: an array of records (served at the path `--schema` names: `vm.host` →
 * `vm/v3/host`), or an object whose keys are list paths (`"vm/v3/host"`, a leading `/` allowed) and
 * whose values are arrays of records. `--schema` gives its entity the built-in schema. Throws
 * {@link UsageError} saying what is wrong.
 */
export function loadEntities(file: string, schemaName: string | undefined): Entity[] {
  let schema: Schema | undefined;
  if (schemaName !== undefined) {
    schema = schemaByName(schemaName);
    if (!schema) throw new UsageError(`Unknown schema "${schemaName}". Built-in schemas: ${schemaNames.join(", ")}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    // readFileSync and JSON.parse throw Errors
    throw new UsageError(`Cannot read the data file ${file}: ${(error as Error).message}`);
  }
  if (Array.isArray(data)) {
    if (schemaName === undefined) throw new UsageError(`${file} holds an array: say which entity it is with --schema (vm.host is served at /vm/v3/host), or write { "vm/v3/host": [ … ] }.`);
    return [{ path: schemaPath(schemaName), records: records(data, file), schema }];
  }
  if (typeof data !== "object" || data === null) throw new UsageError(`${file} must hold an array of records or an object { "vm/v3/host": [ … ], … }.`);
  const entities = Object.entries(data).map(([key, value]): Entity => {
    const path = trimSlashes(key);
    if (!ENTITY_PATH.test(path)) throw new UsageError(`${file}: "${key}" is not a list path like "vm/v3/host" (<service>/<version>/<entity>).`);
    return { path, records: records(value, `${file}: "${key}"`), schema: schemaName !== undefined && path === schemaPath(schemaName) ? schema : undefined };
  });
  if (entities.length === 0) throw new UsageError(`${file} names no entity.`);
  if (schemaName !== undefined && !entities.some((e) => e.schema)) throw new UsageError(`--schema ${schemaName} is for /${schemaPath(schemaName)}, which ${file} does not hold.`);
  return entities;
}
