/**
 * An injection corpus against `toSql`'s MySQL dialect on a real MariaDB server: every payload as
 * a value and as a CP mask, on a text column and on a JSON member. Values must only ever travel as
 * bound parameters (server-side prepared statements here): the statement text is the one of a
 * harmless value and never holds the payload, MariaDB returns exactly the rows `apply` keeps, and
 * the table and a victim table keep all their rows.
 *
 * Needs VMFILTER_MYSQL_URL (`npm run db:start`): without it the tests fail, they never skip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, countStatement, quote, selectStatement, toSql, type ColumnMap, type MaskOptions, type SqlStatement } from "../../src/index.js";
import { encodeComponent } from "../../src/print/encode.js";
import { jsonText, mysqlEngine, show, type Engine } from "../helpers/sql-engines.js";
import { PAYLOAD_FAMILIES, PAYLOADS as SHARED_PAYLOADS } from "../helpers/sql-payloads.js";

/** This file's tables (test files run in parallel against one database). */
const TABLE = "h_hostile";
const VICTIM = "victim_hostile";

/** Payloads that name this file's own tables, and MySQL's backslash escapes. */
const MYSQL_PAYLOADS: readonly string[] = [
  `'; DROP TABLE ${TABLE}; --`,
  `"; DROP TABLE ${TABLE}; --`,
  `\`; DROP TABLE ${VICTIM}; --`,
  `1; DROP TABLE ${VICTIM}`,
  `'; DELETE FROM ${TABLE}; SELECT '`,
  `\n; DROP TABLE ${VICTIM};\n`,
  "%_\\%",
  "' OR '".repeat(50),
];

/** The shared corpus of issues 5 and 9 (test/helpers/sql-payloads.ts), every family, and the payloads above. */
const PAYLOADS: readonly string[] = [...new Set([...SHARED_PAYLOADS, ...MYSQL_PAYLOADS])];

const columns: ColumnMap = {
  id: "id",
  name: { column: "name", type: "string" },
  member: { json: "doc", path: ["k"], type: "string" },
};

interface HostileRecord {
  id: number;
  name: string | null;
  member?: string;
}

/** One row per payload (its name is the payload, its member the next payload), and a few harmless rows. */
const RECORDS: HostileRecord[] = [...PAYLOADS, "x", "X", "admin", "1", "", null].map((name, k) => ({
  id: k + 1,
  name,
  ...(k % 3 === 2 ? {} : { member: k % 3 === 0 ? PAYLOADS[(k + 1) % PAYLOADS.length]! : `m${k % 4}` }),
}));

let mysql: Engine;

const count = async (table: string) => Number((await mysql.rows({ text: `SELECT count(*) AS size FROM \`${table}\``, params: [] }))[0]!.size as string);

beforeAll(async () => {
  mysql = await mysqlEngine(TABLE);
  await mysql.exec(`DROP TABLE IF EXISTS \`${TABLE}\`, \`${VICTIM}\``);
  await mysql.exec(`CREATE TABLE \`${TABLE}\` (id BIGINT PRIMARY KEY, name TEXT, doc JSON) DEFAULT CHARACTER SET utf8mb4`);
  await mysql.exec(`CREATE TABLE \`${VICTIM}\` (name TEXT)`);
  await mysql.exec(`INSERT INTO \`${VICTIM}\` VALUES ('still here')`);
  const params = RECORDS.flatMap((r) => [r.id, r.name, jsonText(r.member === undefined ? {} : { k: r.member })]);
  await mysql.run({ text: `INSERT INTO \`${TABLE}\` (id, name, doc) VALUES ${RECORDS.map(() => "(?, ?, ?)").join(", ")}`, params });
});

afterAll(async () => {
  await mysql?.exec(`DROP TABLE IF EXISTS \`${TABLE}\`, \`${VICTIM}\``);
  await mysql?.close();
});

async function expectIntact(): Promise<void> {
  expect(await count(TABLE)).toBe(RECORDS.length);
  expect(await mysql.rows({ text: `SELECT name FROM \`${VICTIM}\``, params: [] })).toEqual([{ name: "still here" }]);
}

/** The filters each payload `p` is tried in. */
function filtersOf(p: string): string[] {
  return [
    `name EQ ${quote(p)}`,
    `name NE ${quote(p)}`,
    `name GT ${quote(p)}`,
    `NOT (name LE ${quote(p)})`,
    `name CP ${quote(p)}`,
    `name CP ${quote(`%${p}%`)}`,
    `member EQ ${quote(p)}`,
    `member CP ${quote(`%${p}`)}`,
    `where=${encodeComponent(`(name NE ${quote(p)}) OR (member EQ ${quote(p)})`)}&orderby=member+desc,name&limit=0,100`,
  ];
}

const OPTIONS: readonly MaskOptions[] = [{}, { caseSensitive: true, underscoreWildcard: true }];

/** Runs a statement; an error must not echo the payload. */
async function rows(statement: SqlStatement, payload: string): Promise<Record<string, unknown>[]> {
  try {
    return await mysql.rows(statement);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const visible = payload.replace(/\0/g, "");
    if (visible.length >= 3) expect(message, "MariaDB's error echoes the payload").not.toContain(visible);
    throw new Error(`MariaDB failed: ${message}\n  sql: ${statement.text}\n  params: ${show(statement.params)}`);
  }
}

describe("payloads as values and CP masks in MariaDB", () => {
  it("the corpus: every family of the shared one, and this file's own", () => {
    for (const family of Object.values(PAYLOAD_FAMILIES)) for (const p of family) expect(PAYLOADS).toContain(p);
    expect(SHARED_PAYLOADS.length, "the shared corpus shrank").toBeGreaterThanOrEqual(114);
  });

  PAYLOADS.forEach((p, k) => {
    const label = `#${k} ${JSON.stringify(p.length > 40 ? `${p.slice(0, 20)}… (${p.length} chars)` : p)}`;
    it(`${label}: the text is a harmless value's, MariaDB keeps apply's rows, the tables survive`, async () => {
      const harmless = filtersOf("x");
      for (const [index, filter] of filtersOf(p).entries()) {
        for (const options of OPTIONS) {
          const sql = toSql(filter, { dialect: "mysql", columns, ...options });
          expect(sql.ok, show(sql.diagnostics)).toBe(true);
          const select = selectStatement(sql, TABLE, { select: ["id"] });
          const counted = countStatement(sql, TABLE);
          // the statement text: the harmless value's, without the payload
          const benign = selectStatement(toSql(harmless[index]!, { dialect: "mysql", columns, ...options }), TABLE, { select: ["id"] }).text;
          expect(select.text, filter).toBe(benign);
          const visible = p.replace(/\0/g, "");
          // (a payload such as "?" or "-- " is in every statement's text anyway)
          if (visible.length >= 2 && !benign.includes(visible)) expect(select.text).not.toContain(visible);
          // EQ on text binds the value twice: the column's collation test, then the exact one
          if (index === 0) expect(sql.params).toEqual([p, p]);
          // the rows
          const expected = apply(filter, RECORDS, options);
          if (index === 0) expect(expected.size, "the payload's own row").toBeGreaterThan(0);
          const ids = (await rows(select, p)).map((r) => Number(r.id as string));
          const size = Number((await rows(counted, p))[0]!.size as string);
          expect({ filter, options, ids, size }).toEqual({ filter, options, ids: expected.list.map((r) => r.id), size: expected.size });
        }
      }
      await expectIntact();
    });
  });

  it("the tables are intact after everything", async () => {
    await expectIntact();
  });
});
