/**
 * The differential property of the run layer: for random typed tables and random filters,
 * `apply` (in memory), SQLite (better-sqlite3) and PostgreSQL (PGlite) return exactly the same
 * ids in the same order, and `countStatement` counts `apply`'s `size`. The generators and the
 * check are test/helpers/sql-differential.ts (shared with MariaDB's test/db/mysql-differential).
 *
 * Runs: VMFILTER_SQL_RUNS (default 300) for the default options, a quarter of that for each of
 * caseSensitive / underscoreWildcard / both. `npm run test:sql-long` runs 20 000.
 * VMFILTER_SQL_SEED replays a failure's seed (fast-check prints it with the path).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaskOptions } from "../../src/index.js";
import { differentialProperty, fixedCase, propertyTimeout as timeout, SQL_RUNS as RUNS } from "../helpers/sql-differential.js";
import { HOST_DDL, postgresEngine, sqliteEngine, type Engine, type HostRecord } from "../helpers/sql-engines.js";

let sqlite: Engine;
let postgres: Engine;

beforeAll(async () => {
  sqlite = sqliteEngine();
  await sqlite.exec(HOST_DDL.sqlite);
  postgres = await postgresEngine();
  await postgres.exec(HOST_DDL.postgres);
}, 60_000);

afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
});

const property = (options: MaskOptions, runs: number) => differentialProperty({ arrays: true }, () => [sqlite, postgres], options, runs);

describe("apply, SQLite and PostgreSQL return the same rows in the same order", () => {
  it(`default options (${RUNS} runs)`, property({}, RUNS), timeout(RUNS));
  const fewer = Math.max(1, Math.ceil(RUNS / 4));
  it(`caseSensitive (${fewer} runs)`, property({ caseSensitive: true }, fewer), timeout(fewer));
  it(`underscoreWildcard (${fewer} runs)`, property({ underscoreWildcard: true }, fewer), timeout(fewer));
  it(`caseSensitive and underscoreWildcard (${fewer} runs)`, property({ caseSensitive: true, underscoreWildcard: true }, fewer), timeout(fewer));
});

describe("fixed cases the property found or that pin an edge", () => {
  const cases: { name: string; records: HostRecord[]; filter: string; options?: MaskOptions }[] = [
    { name: "code point order above U+FFFF", records: [{ id: 1, s: "\uFFFF" }, { id: 2, s: "\u{10000}" }, { id: 3, u: "\uE000" }, { id: 4, u: "😀" }], filter: "where=s GT '\uFFFF' OR u GT '\uE000'&orderby=s desc,u" },
    { name: "ICU column collation does not leak into order", records: [{ id: 1, u: "a" }, { id: 2, u: "B" }, { id: 3, u: "é" }, { id: 4, u: "É" }, { id: 5, u: "_" }], filter: "where=u GE 'B'&orderby=u" },
    { name: "integer literal past 2^53", records: [{ id: 1, i: 9007199254740992 }, { id: 2, i: 9007199254740993n }, { id: 3, n: 9007199254740992 }], filter: "i EQ 9007199254740993 OR n LT 9007199254740993" },
    { name: "decimal no double prints", records: [{ id: 1, n: 0.1 }, { id: 2, n: 0.10000000000000002 }], filter: "n GT 0.10000000000000001" },
    { name: "literal beyond int64 and beyond doubles", records: [{ id: 1, i: -(2n ** 62n) }, { id: 2, n: -1.7976931348623157e308 }], filter: `(i GT -9223372036854775809) AND (n GT -1${"0".repeat(400)})` },
    { name: "non-integer literal on an integer column", records: [{ id: 1, i: 1 }, { id: 2, i: 2 }, { id: 3, i: -2 }], filter: "i GT 1.5 OR i LE -1.5" },
    { name: "quoted number on integer and string fields", records: [{ id: 1, i: 7, s: "7" }, { id: 2, i: 70, s: "007" }], filter: "i EQ '007' OR s EQ '007'" },
    { name: "CP folds ASCII letters only", records: [{ id: 1, s: "WEB" }, { id: 2, s: "É" }, { id: 3, s: "é" }], filter: "s CP 'web' OR s CP 'é'" },
    { name: "CP with _ and backslash literal", records: [{ id: 1, s: "a_b" }, { id: 2, s: "axb" }, { id: 3, s: "a\\b" }], filter: "s CP 'a_b' OR s CP '%\\%'" },
    { name: "CP _ as a wildcard takes one code point", records: [{ id: 1, s: "a😀b" }, { id: 2, s: "ab" }], filter: "s CP 'a_b'", options: { underscoreWildcard: true } },
    { name: "case-sensitive CP with GLOB syntax in the mask", records: [{ id: 1, s: "a*[b]?" }, { id: 2, s: "A*[b]?" }, { id: 3, s: "ax[b]y" }], filter: "s CP 'a*[b]?'", options: { caseSensitive: true } },
    { name: "NOT of unknown stays unknown", records: [{ id: 1 }, { id: 2, s: "x" }, { id: 3, s: null }], filter: "NOT (s EQ 'y')" },
    { name: "arrays: any element, unknown elements, empty arrays", records: [{ id: 1, tags: [] }, { id: 2, tags: [null] }, { id: 3, tags: ["a", null] }, { id: 4, tags: ["b"] }, { id: 5 }], filter: "NOT (tags EQ 'a') OR tags IS null" },
    { name: "array members: null elements and missing members", records: [{ id: 1, ip4: [null] }, { id: 2, ip4: [{}] }, { id: 3, ip4: [{ ip: "1" }] }, { id: 4, ip4: [] }], filter: "ip4.ip IS null OR ip4 IS null" },
    { name: "reference compared with a number compares its id", records: [{ id: 1, cluster: { id: 3, name: "x" } }, { id: 2, cluster: { id: 4 } }, { id: 3, cluster: null }], filter: "where=cluster EQ 3 OR cluster.name IS null&orderby=cluster desc" },
    { name: "mismatched literals: false, true for NE, unknown for null", records: [{ id: 1, b: true, s: "true" }, { id: 2, b: null }, { id: 3, b: false }], filter: "b NE 'true' AND s NE true AND NOT (b CP 'true')" },
    // SQLite REAL past 2^53: the double 184113858411237470 is exactly 184113858411237472; apply (and
    // PostgreSQL numeric, which stores the printed decimal) compare the printed decimal, so toSql
    // compares a REAL column through the nearest double (an INTEGER bind would compare the exact one).
    { name: "REAL column past 2^53 compares as the number prints", records: [{ id: 1, n: 184113858411237470 }], filter: "n EQ 184113858411237470" },
    { name: "REAL column past 2^53, non-integer literal", records: [{ id: 1, n: 184113858411237470 }], filter: "n GE 184113858411237470.5" },
    { name: "JSON number past 2^53 is exact in both engines", records: [{ id: 1, cluster: { id: 1, weight: 184113858411237470 } }], filter: "cluster.weight EQ 184113858411237470 AND cluster.weight LT 184113858411237471" },
    { name: "limit past the end, single-number limit", records: [{ id: 1 }, { id: 2 }, { id: 3 }], filter: "where=id GE 1&orderby=id desc&limit=2" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      // the same check as the property, on one table and one query
      const { expected, got } = await fixedCase([sqlite, postgres], c.records, c.filter, c.options ?? {});
      expect(got).toEqual(got.map((g) => ({ engine: g.engine, ...expected })));
    });
  }
});
