/**
 * The `columns` map of `toSql`: which SQL expression each field path reads. Identifiers come
 * only from here, quoted for the dialect; a field the map does not name has no SQL.
 * @module
 */
import type { Schema } from "../../schema/schema.js";
import type { ColumnType, Dialect } from "./dialect.js";

/**
 * Where a field lives in the table:
 * - `"name"` or `"h.name"`: a column (dots separate table and column; each part is quoted);
 * - `{ column, type }`: the same, with the value type when no schema gives it;
 * - `{ json, path, type }`: a member inside a JSON column (`jsonb` in PostgreSQL, JSON text in
 *   SQLite and MySQL); without `path` the field's own name is the path. A field under a mapped
 *   name reads deeper in the same JSON: with `cluster: { json: "cluster" }`, `cluster.name` is
 *   the `name` member;
 * - `{ array, member, type }`: a JSON array column whose elements are the values (or, with
 *   `member`, hold the value in that member): "any element matches". PostgreSQL (`jsonb`) and
 *   SQLite only.
 */
export type ColumnSpec =
  | string
  | { readonly column: string; readonly type?: ColumnType }
  | { readonly json: string; readonly path?: string | readonly string[]; readonly type?: ColumnType }
  | { readonly array: string; readonly member?: string | readonly string[]; readonly type?: ColumnType };

/** Field paths to their columns. Only own properties are read. */
export type ColumnMap = Readonly<Record<string, ColumnSpec>>;

/** A field's SQL, resolved. @internal */
export type ResolvedColumn =
  | { readonly kind: "scalar"; readonly sql: string; readonly type: ColumnType | undefined; readonly json: boolean }
  | { readonly kind: "array"; readonly sql: string; readonly member: readonly string[]; readonly type: ColumnType | undefined };

/** Why a field has no column. @internal */
export type ColumnProblem = { readonly problem: "unmapped" } | { readonly problem: "invalid"; readonly reason: string };

const hasOwn = Object.prototype.hasOwnProperty;
const COLUMN_TYPES = new Set(["string", "integer", "number", "boolean"]);

/** The column type a schema gives a field. @internal */
export function schemaColumnType(schema: Schema | undefined, name: string): ColumnType | undefined {
  switch (schema?.field(name)?.type) {
    case "string":
    case "datetime":
    case "enum":
      return "string";
    case "integer":
    case "reference":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return undefined;
  }
}

/** Resolves a field path against the map: its own entry, or a JSON / array entry of a leading part. @internal */
export function resolveColumn(columns: ColumnMap, path: readonly string[], dialect: Dialect, schemaType: ColumnType | undefined): ResolvedColumn | ColumnProblem {
  for (let length = path.length; length >= 1; length--) {
    const key = path.slice(0, length).join(".");
    if (!hasOwn.call(columns, key)) continue;
    const spec: unknown = columns[key];
    const rest = path.slice(length);
    if (rest.length > 0 && !(isObject(spec) && ("json" in spec || "array" in spec))) return { problem: "unmapped" };
    return resolveSpec(spec, key, rest, dialect, schemaType);
  }
  return { problem: "unmapped" };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveSpec(spec: unknown, key: string, rest: readonly string[], dialect: Dialect, schemaType: ColumnType | undefined): ResolvedColumn | ColumnProblem {
  if (typeof spec === "string") {
    const sql = identifier(spec, dialect);
    return typeof sql === "string" ? { kind: "scalar", sql, type: schemaType, json: false } : sql;
  }
  if (!isObject(spec)) return { problem: "invalid", reason: `the entry for "${key}" is not a column name or a column object` };
  const declared = spec.type;
  if (declared !== undefined && (typeof declared !== "string" || !COLUMN_TYPES.has(declared))) return { problem: "invalid", reason: `the type of "${key}" must be string, integer, number or boolean` };
  const type = (declared as ColumnType | undefined) ?? schemaType;
  const shapes = ["column", "json", "array"].filter((k) => hasOwn.call(spec, k));
  if (shapes.length !== 1) return { problem: "invalid", reason: `the entry for "${key}" needs exactly one of column, json or array` };
  if (typeof spec.column === "string") {
    const sql = identifier(spec.column, dialect);
    return typeof sql === "string" ? { kind: "scalar", sql, type, json: false } : sql;
  }
  if (typeof spec.json === "string") {
    const sql = identifier(spec.json, dialect);
    if (typeof sql !== "string") return sql;
    const base = spec.path === undefined ? (rest.length > 0 ? [] : key.split(".")) : segments(spec.path);
    if (base === undefined) return { problem: "invalid", reason: `the path of "${key}" must be a dotted string or a list of names` };
    const problem = [...base, ...rest].map((name) => dialect.jsonNameProblem?.(name)).find((p) => p !== undefined);
    if (problem) return { problem: "invalid", reason: problem };
    return { kind: "scalar", sql: dialect.jsonMember(sql, [...base, ...rest], type), type, json: true };
  }
  if (typeof spec.array === "string") {
    if (!dialect.arrays) return { problem: "invalid", reason: `${dialect.name} has no array support in vmfilter` };
    const sql = identifier(spec.array, dialect);
    if (typeof sql !== "string") return sql;
    const member = spec.member === undefined ? [] : segments(spec.member);
    if (member === undefined) return { problem: "invalid", reason: `the member of "${key}" must be a dotted string or a list of names` };
    return { kind: "array", sql, member: [...member, ...rest], type };
  }
  return { problem: "invalid", reason: `the column of "${key}" must be a string` };
}

function segments(path: unknown): string[] | undefined {
  const parts = typeof path === "string" ? path.split(".") : Array.isArray(path) && path.every((p) => typeof p === "string") ? (path as string[]) : undefined;
  return parts && parts.length > 0 && parts.every((p) => p !== "" && !p.includes("\0")) ? parts : undefined;
}

/** A quoted identifier; dots separate schema, table and column. */
function identifier(name: string, dialect: Dialect): string | ColumnProblem {
  const parts = name.split(".");
  if (parts.some((p) => p === "" || p.includes("\0"))) return { problem: "invalid", reason: `"${name.replace(/\0/g, "\\0")}" is not a column name` };
  return parts.map((p) => dialect.quote(p)).join(".");
}

/** A quoted table name for the statement helpers. @internal */
export function tableName(name: string, dialect: Dialect): string | undefined {
  const sql = identifier(name, dialect);
  return typeof sql === "string" ? sql : undefined;
}
