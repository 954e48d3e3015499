/**
 * Indexes stay usable: the comparisons `toSql` writes leave the column bare on the left, and
 * PostgreSQL (PGlite) plans them as index scans on a B-tree index of that column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectStatement, toSql, type ColumnMap, type SqlDialect } from "../../src/index.js";
import { postgresEngine, show } from "../helpers/sql-engines.js";

const ROWS = 2_000;
const columns: ColumnMap = {
  id: "id",
  n: { column: "n", type: "integer" },
  score: { column: "score", type: "number" },
  name: { column: "name", type: "string" },
};

let postgres: Awaited<ReturnType<typeof postgresEngine>>;

beforeAll(async () => {
  postgres = await postgresEngine();
  await postgres.exec(`
    CREATE TABLE e (id bigint PRIMARY KEY, n bigint, score numeric, name text COLLATE "C", note text);
    INSERT INTO e SELECT k, k, k / 4.0, 'name-' || lpad(k::text, 5, '0'), repeat('x', 40) FROM generate_series(1, ${ROWS}) AS k;
    CREATE INDEX e_n ON e (n);
    CREATE INDEX e_score ON e (score);
    CREATE INDEX e_name ON e (name);
    ANALYZE e;
  `);
}, 60_000);

afterAll(async () => {
  await postgres?.close();
});

async function plan(filter: string): Promise<string> {
  const sql = toSql(filter, { dialect: "postgres", columns });
  expect(sql.ok, show(sql.diagnostics)).toBe(true);
  const statement = selectStatement(sql, "e");
  const rows = await postgres.rows({ text: `EXPLAIN ${statement.text}`, params: statement.params });
  return rows.map((r) => String(r["QUERY PLAN"])).join("\n");
}

const INDEX_SCAN = (index: string) => new RegExp(`(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) ${index}\\b`);

describe("PostgreSQL plans the comparisons as index scans (selective predicates, ANALYZEd table)", () => {
  it.each([
    ["n EQ 1000", "e_n"],
    ["n GT 1990", "e_n"],
    ["n GE 1995", "e_n"],
    ["n LT 5", "e_n"],
    ["n LE 3", "e_n"],
    ["n GT 1990.5", "e_n"], // rewritten to n >= 1991, still on the column
    ["n LE 3.7", "e_n"],
    ["n EQ '1000'", "e_n"], // a quoted number on an integer column
    ["score EQ 250.25", "e_score"],
    ["score GT 499", "e_score"],
    ["score LE 0.75", "e_score"],
    ["name EQ 'name-01000'", "e_name"],
    ["name GT 'name-01990'", "e_name"],
    ["name GE 'name-01995'", "e_name"],
    ["name LT 'name-00005'", "e_name"],
    ["name LE 'name-00003'", "e_name"],
    ["(n GE 10) AND (n LE 12)", "e_n"],
    ["where=name GT 'name-01990'&orderby=name desc&limit=0,5", "e_name"],
  ])("%s uses %s", async (filter, index) => {
    const text = await plan(filter);
    expect(text, text).toMatch(INDEX_SCAN(index));
    expect(text).not.toMatch(/Seq Scan/);
  });

  it("a comparison of the whole table is a sequential scan (the check above can fail)", async () => {
    expect(await plan("n GE 0")).toMatch(/Seq Scan/);
  });
});

describe("the column stays bare on the left of EQ and GT", () => {
  const bare = (dialect: SqlDialect, quoted: string) => {
    const placeholder = dialect === "postgres" ? "\\$1" : "\\?";
    const typed = dialect === "postgres" ? "(::bigint|::numeric)?" : "";
    const cast = dialect === "mysql" ? "(CAST\\(\\? AS (SIGNED|DECIMAL\\(65,30\\))\\)|\\?)" : `${placeholder}${typed}`;
    return new RegExp(`^\\(${quoted} (=|>|>=|<|<=) ${cast}( COLLATE "C")?\\)$`);
  };

  it.each(["postgres", "sqlite", "mysql"] as const)("%s: integer and number columns, every ordering operator", (dialect) => {
    const quoted = (c: string) => (dialect === "mysql" ? `\`${c}\`` : `"${c}"`);
    for (const op of ["EQ", "GT", "GE", "LT", "LE"]) {
      for (const [field, literal] of [
        ["n", "5"],
        ["n", "5.5"],
        ["n", "'5'"],
        ["n", "-9223372036854775808"],
        ["score", "0.1"],
        ["score", "7"],
      ] as const) {
        const sql = toSql(`${field} ${op} ${literal}`, { dialect, columns });
        if (op === "EQ" && literal === "5.5") continue; // never true: a constant, no comparison at all
        expect(sql.where, `${dialect}: ${field} ${op} ${literal}`).toMatch(bare(dialect, quoted(field)));
      }
    }
  });

  it.each(["postgres", "sqlite"] as const)("%s: string columns, every ordering operator", (dialect) => {
    for (const op of ["EQ", "GT", "GE", "LT", "LE"]) {
      const sql = toSql(`name ${op} 'web'`, { dialect, columns });
      expect(sql.where, `${dialect}: name ${op}`).toMatch(bare(dialect, '"name"'));
    }
  });

  it("mysql: string EQ starts with the bare column (an index serves it), then the exact binary test", () => {
    expect(toSql("name EQ 'web'", { dialect: "mysql", columns }).where).toMatch(/^\(`name` = \? AND /);
  });

  // docs/compile.md ("Indexes stay usable") says every comparison leaves the column bare. MySQL's
  // text ordering comparisons compare binary strings, with the column inside CAST: no index range
  // scan. Pinned here as it is; reported as a documentation gap.
  it("mysql: string GT puts the column inside CAST (documented gap)", () => {
    expect(toSql("name GT 'web'", { dialect: "mysql", columns }).where).toBe("(CAST(`name` AS BINARY) > CAST(? AS BINARY))");
  });
});
