/**
 * The SQL engines of the run-layer tests behind one small async interface: the two in process
 * (SQLite through better-sqlite3, PostgreSQL through PGlite) and a MariaDB / MySQL server through
 * mysql2 (`npm run test:db` only), plus the typed test table `h` the differential property fills:
 * its schema, its columns maps and the column types docs/compile.md recommends.
 */
import Database from "better-sqlite3";
import { PGlite } from "@electric-sql/pglite";
import type { Connection } from "mysql2/promise";
import { defineSchema, type ColumnMap, type SqlDialect, type SqlStatement } from "../../src/index.js";
import { connect } from "../db/mysql-connection.js";

/** An engine that runs statements made by `selectStatement` / `countStatement`. */
export interface Engine {
  /** The engine's `toSql` dialect. */
  readonly name: SqlDialect;
  /** The name of the differential table in this engine; `h` when absent. */
  readonly table?: string;
  /** Rows of a statement. */
  rows(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  /** Runs one statement that returns no rows (INSERT …), with parameters. */
  run(statement: SqlStatement): Promise<void>;
  /** Runs DDL or other text without parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

/** SQLite in memory; 64-bit integers come back as BigInt. */
export function sqliteEngine(): Engine & { readonly db: Database.Database } {
  const db = new Database(":memory:");
  db.defaultSafeIntegers(true);
  return {
    name: "sqlite",
    db,
    rows: async (s) => db.prepare(s.text).all(...(s.params as unknown[])) as Record<string, unknown>[],
    run: async (s) => {
      db.prepare(s.text).run(...(s.params as unknown[]));
    },
    exec: async (text) => {
      db.exec(text);
    },
    close: async () => {
      db.close();
    },
  };
}

/** PostgreSQL (PGlite) in process. Start one per test file: it takes seconds. */
export async function postgresEngine(): Promise<Engine & { readonly pg: PGlite }> {
  const pg = new PGlite();
  await pg.waitReady;
  return {
    name: "postgres",
    pg,
    rows: async (s) => (await pg.query<Record<string, unknown>>(s.text, s.params as unknown[])).rows,
    run: async (s) => {
      await pg.query(s.text, s.params as unknown[]);
    },
    exec: async (text) => {
      await pg.exec(text);
    },
    close: async () => {
      await pg.close();
    },
  };
}

/**
 * MariaDB / MySQL through mysql2: statements run as server-side prepared statements (`execute`,
 * closed after each use, so parameters really travel apart from the text), DDL through `query`.
 * `table` names the differential table of this connection's test file (test files run in
 * parallel against one database). BIGINT and DECIMAL come back as strings.
 */
export async function mysqlEngine(table = "h"): Promise<Engine & { readonly connection: Connection; readonly table: string }> {
  const connection = await connect();
  const execute = async (s: SqlStatement) => {
    try {
      const [result] = await connection.execute(s.text, s.params as unknown[] as never);
      return result;
    } finally {
      connection.unprepare(s.text);
    }
  };
  return {
    name: "mysql",
    table,
    connection,
    rows: async (s) => (await execute(s)) as Record<string, unknown>[],
    run: async (s) => {
      await execute(s);
    },
    exec: async (text) => {
      await connection.query(text);
    },
    close: async () => {
      await connection.end();
    },
  };
}

/** JSON text with bigints written as plain digits (JSON.stringify throws on them). */
export function jsonText(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : jsonText(v))).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A value printed for a failure message: bigints as `123n`, missing keys visible. */
export function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v === undefined ? "<missing>" : v));
}

// -------------------------------------------------------------------------------------------------
// The differential table `h`

/** A record of `h` in memory; every field but `id` may be null or missing. */
export interface HostRecord {
  id: number;
  i?: number | bigint | null;
  n?: number | null;
  s?: string | null;
  u?: string | null;
  b?: boolean | null;
  tags?: (string | null)[] | null;
  ip4?: ({ ip?: string | null } | null)[] | null;
  ports?: (number | bigint | null)[] | null;
  cluster?: { id: number | bigint; name?: string | null; weight?: number | null; up?: boolean | null } | null;
}

export const hostSchema = defineSchema({
  id: { type: "integer", nullable: false },
  i: "integer",
  n: "number",
  s: "string",
  u: "string",
  b: "boolean",
  tags: { type: "array", of: "string" },
  ip4: { type: "array", of: { ip: "string" } },
  ports: { type: "array", of: "integer" },
  cluster: { type: "reference", fields: { name: "string", weight: "number", up: "boolean" } },
});

/** Fields to columns: plain columns, JSON arrays, members of a JSON object (the reference). */
export const hostColumns: ColumnMap = {
  id: "id",
  i: "i",
  n: "n",
  s: "s",
  u: "u",
  b: "b",
  tags: { array: "tags" },
  ip4: { array: "ip4" },
  ports: { array: "ports" },
  cluster: { json: "cluster", path: "id" },
  "cluster.id": { json: "cluster", path: "id" },
  "cluster.name": { json: "cluster", path: "name" },
  "cluster.weight": { json: "cluster", path: "weight" },
  "cluster.up": { json: "cluster", path: "up" },
};

/** The fields MySQL maps: every field of {@link hostColumns} but the arrays (`toSql` has no arrays for MySQL). */
export const mysqlHostColumns: ColumnMap = Object.fromEntries(Object.entries(hostColumns).filter(([field]) => !["tags", "ip4", "ports"].includes(field)));

/** The columns map of `h` in an engine. */
export function hostColumnsOf(engine: Engine): ColumnMap {
  return engine.name === "mysql" ? mysqlHostColumns : hostColumns;
}

/**
 * The DDL of `h`. PostgreSQL: `s` is `text COLLATE "C"` as docs/compile.md recommends, while `u`
 * keeps the ICU collation "unicode" (where 'a' < 'B' < 'é' < 'É') on purpose: the SQL must ask
 * for code point order itself, whatever the column's collation.
 */
export const HOST_DDL = {
  sqlite: "CREATE TABLE h (id INTEGER PRIMARY KEY, i INTEGER, n REAL, s TEXT, u TEXT, b INTEGER, tags TEXT, ip4 TEXT, ports TEXT, cluster TEXT)",
  postgres: 'CREATE TABLE h (id bigint PRIMARY KEY, i bigint, n numeric, s text COLLATE "C", u text COLLATE "unicode", b boolean, tags jsonb, ip4 jsonb, ports jsonb, cluster jsonb)',
} as const;

/**
 * The DDL of `h` (named `table`) in MariaDB / MySQL, as docs/compile.md recommends: no array
 * columns; text in utf8mb4 with the default collation (case- and accent-insensitive, PAD SPACE in
 * MariaDB: the SQL must compare exactly itself); `JSON` is LONGTEXT with a JSON_VALID check in
 * MariaDB.
 */
export function mysqlHostDdl(table: string): string {
  return `CREATE TABLE \`${table}\` (id BIGINT PRIMARY KEY, i BIGINT, n DECIMAL(65,30), s TEXT, u TEXT, b TINYINT(1), cluster JSON) DEFAULT CHARACTER SET utf8mb4`;
}

const nullish = (v: unknown) => v === null || v === undefined;

/** Replaces the rows of `h` with the records (in id order). */
export async function loadHosts(engine: Engine, records: readonly HostRecord[]): Promise<void> {
  if (engine.name === "sqlite") {
    const db = (engine as ReturnType<typeof sqliteEngine>).db;
    const insert = db.prepare("INSERT INTO h (id, i, n, s, u, b, tags, ip4, ports, cluster) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      db.exec("DELETE FROM h");
      for (const r of records) {
        insert.run(
          BigInt(r.id),
          nullish(r.i) ? null : BigInt(r.i!),
          nullish(r.n) ? null : r.n!,
          r.s ?? null,
          r.u ?? null,
          nullish(r.b) ? null : r.b ? 1 : 0,
          nullish(r.tags) ? null : jsonText(r.tags),
          nullish(r.ip4) ? null : jsonText(r.ip4),
          nullish(r.ports) ? null : jsonText(r.ports),
          nullish(r.cluster) ? null : jsonText(r.cluster),
        );
      }
    })();
    return;
  }
  if (engine.name === "mysql") {
    // one multi-row INSERT; integers and decimals bound as their decimal text
    const table = `\`${engine.table ?? "h"}\``;
    await engine.exec(`DELETE FROM ${table}`);
    if (records.length === 0) return;
    const params: unknown[] = [];
    for (const r of records) {
      params.push(
        String(r.id),
        nullish(r.i) ? null : String(r.i),
        nullish(r.n) ? null : String(r.n),
        r.s ?? null,
        r.u ?? null,
        nullish(r.b) ? null : r.b ? 1 : 0,
        nullish(r.cluster) ? null : jsonText(r.cluster),
      );
    }
    await engine.run({ text: `INSERT INTO ${table} (id, i, n, s, u, b, cluster) VALUES ${records.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`, params });
    return;
  }
  const pg = (engine as Awaited<ReturnType<typeof postgresEngine>>).pg;
  await pg.exec("DELETE FROM h");
  if (records.length === 0) return;
  const params: unknown[] = [];
  const p = (v: unknown, cast = "") => {
    params.push(v);
    return `$${params.length}${cast}`;
  };
  const rows = records.map(
    (r) =>
      `(${[
        p(String(r.id)),
        p(nullish(r.i) ? null : String(r.i)),
        p(nullish(r.n) ? null : String(r.n), "::numeric"),
        p(r.s ?? null),
        p(r.u ?? null),
        p(nullish(r.b) ? null : r.b, "::boolean"),
        p(nullish(r.tags) ? null : jsonText(r.tags), "::jsonb"),
        p(nullish(r.ip4) ? null : jsonText(r.ip4), "::jsonb"),
        p(nullish(r.ports) ? null : jsonText(r.ports), "::jsonb"),
        p(nullish(r.cluster) ? null : jsonText(r.cluster), "::jsonb"),
      ].join(", ")})`,
  );
  await pg.query(`INSERT INTO h (id, i, n, s, u, b, tags, ip4, ports, cluster) VALUES ${rows.join(", ")}`, params);
}

/** The ids of a `SELECT id …` statement's rows, in order. */
export async function selectIds(engine: Engine, statement: SqlStatement): Promise<number[]> {
  return (await engine.rows(statement)).map((row) => Number(row.id as number | bigint));
}

/** The `size` of a `countStatement`. */
export async function selectCount(engine: Engine, statement: SqlStatement): Promise<number> {
  const rows = await engine.rows(statement);
  return Number(rows[0]!.size as number | bigint);
}
