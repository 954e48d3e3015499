/// <reference types="node" />
/**
 * `vmfilter serve --sqlite file.db`: the records written to a SQLite file, one table per entity,
 * and every list request pushed down as SQL made by `toSql` (`selectStatement` and
 * `countStatement`). better-sqlite3 (12.x) is an optional peer dependency, loaded only here.
 * @module
 */
import { UsageError } from "../cli/command.js";
import type { ListResult } from "../run/apply.js";
import type { ColumnMap, ColumnSpec } from "../run/sql/columns.js";
import type { ColumnType } from "../run/sql/dialect.js";
import { countStatement, selectStatement } from "../run/sql/statements.js";
import { toSql } from "../run/sql/to-sql.js";
import type { QueryNode } from "../syntax/ast.js";
import type { Entity, ServedRecord } from "./data.js";
import type { EntityStore, StoreAnswer } from "./store.js";

/** The column holding each record's JSON, so an answer gives back the records exactly as loaded. */
export const RECORD_COLUMN = "__vmfilter_record";

/**
 * The column holding each record's id as text (`String(id)`, indexed): what `GET …/<id>` looks up,
 * as the memory store does (the `id` column cannot: better-sqlite3 writes numbers as REAL, 7.0).
 * Ids are unique as text (data.ts), so it names at most one record.
 */
export const ID_COLUMN = "__vmfilter_id";

/** The part of better-sqlite3's API used here. */
interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}
interface Database {
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
  transaction(fn: () => void): () => void;
  close(): unknown;
}
type DatabaseConstructor = new (file: string) => Database;

/** better-sqlite3, or a usage error saying how to install it. */
async function loadDriver(): Promise<DatabaseConstructor> {
  try {
    const module = (await import("better-sqlite3")) as unknown as { default: DatabaseConstructor };
    return module.default;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new UsageError("--sqlite needs the better-sqlite3 package (12.x), an optional peer dependency of vmfilter: npm install better-sqlite3");
    }
    // better-sqlite3 fails to load with an Error (ERR_DLOPEN_FAILED: a native build for another Node, …)
    throw new UsageError(`--sqlite: better-sqlite3 did not load: ${(error as Error).message}`);
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The column type of a JSON scalar (the records come from JSON: a string, a number or a boolean). */
function typeOf(value: string | number | boolean): ColumnType {
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "string" | "boolean";
}

/** Collects the scalar member paths under `value` (objects and arrays of objects) with their types. */
function collect(value: unknown, prefix: readonly string[], into: Map<string, { path: string[]; types: Set<ColumnType> }>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const element of value) collect(element, prefix, into);
    return;
  }
  if (typeof value === "object") {
    for (const [name, member] of Object.entries(value)) collect(member, [...prefix, name], into);
    return;
  }
  const key = prefix.join(".");
  const entry = into.get(key) ?? { path: [...prefix], types: new Set() };
  entry.types.add(typeOf(value as string | number | boolean));
  into.set(key, entry);
}

/** One type when all values agree (integers and fractions together are numbers), else none. */
function agreed(types: ReadonlySet<ColumnType>): ColumnType | undefined {
  if (types.size === 1) return [...types][0] as ColumnType;
  if (types.size === 2 && types.has("integer") && types.has("number")) return "number";
  return undefined;
}

/**
 * The table of an entity and the columns map `toSql` reads it with: a column per top-level member
 * (objects and arrays as JSON text), JSON members and JSON arrays for nested paths, with the value
 * type all records agree on (the schema's when the entity has one). The schema's top-level fields
 * get a column even when no record has them, so a filter on them runs.
 */
export function tableLayout(entity: Entity): { readonly columns: readonly string[]; readonly map: ColumnMap } {
  // every record has an id; an entity without records too has the column (GET …/<id>, the tie-breaker)
  const top = new Set<string>(["id", ...entity.records.flatMap((r) => Object.keys(r))]);
  for (const field of entity.schema?.paths ?? []) if (!field.path.includes(".")) top.add(field.path);
  top.delete(RECORD_COLUMN);
  top.delete(ID_COLUMN);
  const map: Record<string, ColumnSpec> = {};
  for (const name of top) {
    const values = entity.records.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
    const leaves = new Map<string, { path: string[]; types: Set<ColumnType> }>();
    for (const v of values) collect(v, [], leaves);
    const typed = (types: ReadonlySet<ColumnType>) => (entity.schema ? undefined : agreed(types));
    if (values.some(Array.isArray)) {
      const scalar = leaves.get("");
      map[name] = { array: name, ...(scalar && typed(scalar.types) ? { type: typed(scalar.types)! } : {}) };
      for (const [key, leaf] of leaves) if (key !== "") map[`${name}.${key}`] = { array: name, member: leaf.path, ...(typed(leaf.types) ? { type: typed(leaf.types)! } : {}) };
    } else if (values.some((v) => typeof v === "object")) {
      // a reference (an object with an id) compared with a number means its id
      map[name] = leaves.has("id") ? { json: name, path: "id" } : { json: name };
      for (const [key, leaf] of leaves) map[`${name}.${key}`] = { json: name, path: leaf.path, ...(typed(leaf.types) ? { type: typed(leaf.types)! } : {}) };
    } else {
      const scalar = leaves.get("");
      map[name] = { column: name, ...(scalar && typed(scalar.types) ? { type: typed(scalar.types)! } : {}) };
    }
  }
  return { columns: [...top], map };
}

/** A value as SQLite stores it: booleans as 0/1, objects and arrays as JSON text. */
function cell(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

class SqliteStore implements EntityStore {
  private readonly byId: Statement;

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly entity: Entity,
    private readonly map: ColumnMap,
  ) {
    this.byId = db.prepare(`SELECT ${quote(RECORD_COLUMN)} AS record FROM ${quote(table)} WHERE ${quote(ID_COLUMN)} = ?`);
  }

  list(query: QueryNode): StoreAnswer {
    const sql = toSql(query, { dialect: "sqlite", columns: this.map, ...(this.entity.schema ? { schema: this.entity.schema } : {}) });
    if (!sql.ok) return { diagnostics: sql.diagnostics };
    const page = selectStatement(sql, this.table, { select: [RECORD_COLUMN] });
    const count = countStatement(sql, this.table);
    const rows = this.db.prepare(page.text).all(...page.params) as { [RECORD_COLUMN]: string }[];
    const { size } = this.db.prepare(count.text).get(...count.params) as { size: number };
    const result: ListResult<ServedRecord> = { list: rows.map((row) => JSON.parse(row[RECORD_COLUMN]) as ServedRecord), size };
    return result;
  }

  get(id: string): ServedRecord | undefined {
    const row = this.byId.get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as ServedRecord) : undefined;
  }
}

/**
 * Writes every entity to the SQLite file (each table, named after its path with `_` for `/`, is
 * dropped and written again) and answers list requests from it. Resolves to one store per entity
 * path and a `close` for the database.
 */
export async function openSqliteStores(file: string, entities: readonly Entity[]): Promise<{ readonly stores: ReadonlyMap<string, EntityStore>; close(): void }> {
  const Driver = await loadDriver();
  let db: Database;
  try {
    db = new Driver(file);
  } catch (error) {
    // better-sqlite3 throws Errors (TypeError, SqliteError)
    throw new UsageError(`Cannot open the SQLite file ${file}: ${(error as Error).message}`);
  }
  const stores = new Map<string, EntityStore>();
  for (const entity of entities) {
    const table = entity.path.replace(/\//g, "_");
    const { columns, map } = tableLayout(entity);
    const all = [RECORD_COLUMN, ID_COLUMN, ...columns];
    db.exec(`DROP TABLE IF EXISTS ${quote(table)}; CREATE TABLE ${quote(table)} (${all.map(quote).join(", ")})`);
    const insert = db.prepare(`INSERT INTO ${quote(table)} (${all.map(quote).join(", ")}) VALUES (${all.map(() => "?").join(", ")})`);
    db.transaction(() => {
      for (const record of entity.records) insert.run(JSON.stringify(record), String(record.id), ...columns.map((c) => cell(record[c])));
    })();
    db.exec(`CREATE INDEX ${quote(`${table}_id`)} ON ${quote(table)} (${quote(ID_COLUMN)})`);
    stores.set(entity.path, new SqliteStore(db, table, entity, map));
  }
  return { stores, close: () => db.close() };
}
