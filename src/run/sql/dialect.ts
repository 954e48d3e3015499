/**
 * What differs between SQL engines: identifier quoting, placeholders, how values bind, case
 * folding, LIKE, JSON access, NULL order. One object per dialect, keyed on {@link SqlDialects},
 * so adding a dialect fails the build until every piece is written.
 * @module
 */

/** The SQL dialects `toSql` writes. */
export const SqlDialects = ["postgres", "sqlite", "mysql"] as const;
/** A SQL dialect: `postgres`, `sqlite` or `mysql` (MySQL 8 and MariaDB 10.5+). */
export type SqlDialect = (typeof SqlDialects)[number];

/** The value type of a column, as the compiler needs it. */
export type ColumnType = "string" | "integer" | "number" | "boolean";

import { foldAscii, type MaskOptions } from "../mask.js";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";

/** One engine's spelling of the pieces the compiler assembles. @internal */
export interface Dialect {
  readonly name: SqlDialect;
  /** A quoted identifier (one name, no dots). */
  quote(name: string): string;
  /** The placeholder of the n-th (1-based) parameter. */
  placeholder(n: number): string;
  /** The bound form of a boolean. */
  boolean(value: boolean): unknown;
  /** A boolean placeholder, typed where the engine needs it. */
  booleanParameter(placeholder: string): string;
  /** An exact integer placeholder (the literal is bound as its decimal text or a number). */
  integerParameter(placeholder: string): string;
  /** An exact decimal placeholder (bound as decimal text). */
  decimalParameter(placeholder: string): string;
  /** A placeholder compared as a double (bound as the decimal text of one). */
  doubleParameter(placeholder: string): string;
  /** Whether numbers bind as JS numbers/bigints (true) or as their decimal text (false). */
  readonly bindsNumbers: boolean;
  /** TRUE and FALSE. */
  readonly true: string;
  readonly false: string;
  /**
   * CP: the test of `expression` against a mask, binding the pattern with `bind`. ASCII letters
   * fold unless `caseSensitive`; `_` is literal unless `underscoreWildcard`.
   */
  cp(expression: string, mask: string, options: MaskOptions, bind: (value: unknown) => string): string;
  /**
   * A comparison of text by code point, exact (no case or accent folding, no trailing-space
   * padding); `value()` binds the literal and may be called more than once.
   */
  textComparison(expression: string, operator: string, value: () => string): string;
  /** What follows `ASC` / `DESC` so that NULLs come first ascending and last descending. */
  nulls(direction: "asc" | "desc"): string;
  /** An ORDER BY key of text type, sorting by code point. */
  textKey(expression: string): string;
  /** Why a JSON member name cannot be written in this dialect, if it cannot. */
  jsonNameProblem?(name: string): string | undefined;
  /** A member inside a JSON column, read as `type`. */
  jsonMember(column: string, path: readonly string[], type: ColumnType | undefined): string;
  /**
   * Rows of the elements of a JSON array column, and how to read an element (or a member of
   * it) as `type`; undefined when the dialect does not do arrays.
   */
  readonly arrays?: {
    elements(column: string): string;
    element(path: readonly string[], type: ColumnType | undefined): string;
    /** The aggregate true when any row's condition `c` is true. */
    any(condition: string): string;
  };
}

/**
 * A LIKE pattern of a mask with `escape` as the escape character: `%` stays; `_` (unless wild)
 * and the escape character itself are escaped.
 */
export function likePattern(mask: string, underscoreWildcard: boolean, escape = "\\"): string {
  let out = "";
  for (const c of mask) out += c === escape ? escape + escape : c === "_" && !underscoreWildcard ? `${escape}_` : c;
  return out;
}

/** A GLOB pattern (case-sensitive, SQLite) of a mask: `%` → `*`, wild `_` → `?`, `*?[` bracketed. */
export function globPattern(mask: string, underscoreWildcard: boolean): string {
  let out = "";
  for (const c of mask) out += c === "%" ? "*" : c === "_" && underscoreWildcard ? "?" : c === "*" || c === "?" || c === "[" ? `[${c}]` : c;
  return out;
}

const doubleQuoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const singleQuoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A JSON path for SQLite's and MySQL's json functions: `$."cluster"."name"`. */
function jsonPath(path: readonly string[]): string {
  return `$${path.map((p) => `."${p.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join("")}`;
}

/** A PostgreSQL text-array literal for `#>>`: `{cluster,name}` with members quoted. */
function pgPath(path: readonly string[]): string {
  return singleQuoted(`{${path.map((p) => `"${p.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`);
}

function pgCast(text: string, type: ColumnType | undefined): string {
  switch (type) {
    case "integer":
    case "number":
      return `(${text})::numeric`;
    case "boolean":
      return `(${text})::boolean`;
    default:
      return text;
  }
}

const postgres: Dialect = {
  name: "postgres",
  quote: doubleQuoted,
  placeholder: (n) => `$${n}`,
  boolean: (value) => value,
  booleanParameter: (p) => `${p}::boolean`,
  integerParameter: (p) => `${p}::bigint`,
  decimalParameter: (p) => `${p}::numeric`,
  doubleParameter: (p) => `${p}::float8`,
  bindsNumbers: false,
  true: "TRUE",
  false: "FALSE",
  cp: (e, mask, o, bind) =>
    o.caseSensitive
      ? `${e} LIKE ${bind(likePattern(mask, o.underscoreWildcard === true))} ESCAPE '\\'`
      : `translate(${e}, '${UPPER}', '${LOWER}') LIKE ${bind(likePattern(foldAscii(mask), o.underscoreWildcard === true))} ESCAPE '\\'`,
  // equality is the same under every deterministic collation; order is not, so it is asked for
  textComparison: (e, op, value) => (op === "=" || op === "<>" ? `${e} ${op} ${value()}` : `${e} ${op} ${value()} COLLATE "C"`),
  nulls: (direction) => (direction === "asc" ? " NULLS FIRST" : " NULLS LAST"),
  textKey: (e) => `${e} COLLATE "C"`,
  jsonMember: (column, path, type) => pgCast(`${column} #>> ${pgPath(path)}`, type),
  arrays: {
    elements: (column) => `jsonb_array_elements(${column}) AS e(v)`,
    element: (path, type) => pgCast(`e.v #>> ${pgPath(path)}`, type),
    any: (c) => `bool_or(${c})`,
  },
};

const sqlite: Dialect = {
  name: "sqlite",
  quote: doubleQuoted,
  placeholder: () => "?",
  boolean: (value) => (value ? 1 : 0),
  booleanParameter: (p) => p,
  integerParameter: (p) => p,
  decimalParameter: (p) => p,
  doubleParameter: (p) => p,
  bindsNumbers: true,
  true: "TRUE",
  false: "FALSE",
  // SQLite's LIKE folds ASCII letters only (and never others); GLOB is its case-sensitive match
  cp: (e, mask, o, bind) =>
    o.caseSensitive ? `${e} GLOB ${bind(globPattern(mask, o.underscoreWildcard === true))}` : `${e} LIKE ${bind(likePattern(mask, o.underscoreWildcard === true))} ESCAPE '\\'`,
  // BINARY, SQLite's default collation, compares UTF-8 bytes: code point order
  textComparison: (e, op, value) => `${e} ${op} ${value()}`,
  nulls: () => "",
  textKey: (e) => e,
  jsonMember: (column, path) => `json_extract(${column}, ${singleQuoted(jsonPath(path))})`,
  arrays: {
    elements: (column) => `json_each(${column}) AS e`,
    element: (path) => (path.length === 0 ? "e.value" : `json_extract(e.value, ${singleQuoted(jsonPath(path))})`),
    any: (c) => `max(${c})`,
  },
};

/**
 * MySQL reads a backslash in a string constant as an escape unless `sql_mode` has
 * NO_BACKSLASH_ESCAPES, so no constant written for MySQL holds one: LIKE escapes with `!`, and
 * JSON member names with a backslash or a double quote (which a JSON path would escape with one)
 * are refused by the columns map.
 */
const MYSQL_ESCAPE = "!";

const mysql: Dialect = {
  name: "mysql",
  quote: (name) => `\`${name.replace(/`/g, "``")}\``,
  placeholder: () => "?",
  boolean: (value) => (value ? 1 : 0),
  booleanParameter: (p) => p,
  integerParameter: (p) => `CAST(${p} AS SIGNED)`,
  decimalParameter: (p) => `CAST(${p} AS DECIMAL(65,30))`,
  doubleParameter: (p) => `CAST(${p} AS DOUBLE)`,
  bindsNumbers: false,
  true: "TRUE",
  false: "FALSE",
  // LOWER() would fold every letter: A–Z are replaced one by one under a binary collation
  cp: (e, mask, o, bind) =>
    o.caseSensitive
      ? `${e} COLLATE utf8mb4_bin LIKE ${bind(likePattern(mask, o.underscoreWildcard === true, MYSQL_ESCAPE))} ESCAPE '${MYSQL_ESCAPE}'`
      : `${[...UPPER].reduce((inner, c) => `REPLACE(${inner}, '${c}', '${c.toLowerCase()}')`, `${e} COLLATE utf8mb4_bin`)} LIKE ${bind(likePattern(foldAscii(mask), o.underscoreWildcard === true, MYSQL_ESCAPE))} ESCAPE '${MYSQL_ESCAPE}'`,
  // MySQL's collations fold case or accents, and pad trailing spaces (even utf8mb4_bin); binary
  // strings compare UTF-8 bytes exactly. Equality first asks the column's own collation, a
  // looser test an index can serve, then the exact one.
  textComparison: (e, op, value) =>
    op === "=" ? `${e} = ${value()} AND CAST(${e} AS BINARY) = CAST(${value()} AS BINARY)` : `CAST(${e} AS BINARY) ${op} CAST(${value()} AS BINARY)`,
  nulls: () => "",
  textKey: (e) => `CAST(${e} AS BINARY)`,
  jsonNameProblem: (name) => (/["\\]/.test(name) ? `MySQL JSON member names with a backslash or a double quote are not supported (their escaping depends on sql_mode)` : undefined),
  jsonMember: (column, path, type) => {
    const member = `JSON_EXTRACT(${column}, ${singleQuoted(jsonPath(path))})`;
    // a JSON null reads as SQL NULL (JSON_UNQUOTE alone gives the text 'null')
    const text = `(CASE WHEN JSON_TYPE(${member}) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(${member}) END)`;
    // integers exactly (64 bits); other numbers as the doubles JSON numbers are in JavaScript
    if (type === "integer") return `CAST(${text} AS SIGNED)`;
    if (type === "number") return `CAST(${text} AS DOUBLE)`;
    if (type === "boolean") return `(CASE ${text} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
    return text;
  },
};

/** The dialects by name. @internal */
export const dialects: Readonly<Record<SqlDialect, Dialect>> = { postgres, sqlite, mysql };
