/**
 * The differential property of test/run/sql-differential.test.ts against a real MariaDB (or MySQL)
 * server: for random typed tables and random filters over the scalar and JSON-member fields (no
 * arrays: MySQL has none in `toSql`), `apply` (in memory) and the server return exactly the same
 * ids in the same order, and `countStatement` counts `apply`'s `size`.
 *
 * The table is docs/compile.md's recommendation (test/helpers/sql-engines.ts, mysqlHostDdl):
 * BIGINT, DECIMAL(65,30), TEXT utf8mb4 with the default collation (case- and accent-insensitive,
 * PAD SPACE), TINYINT(1), JSON.
 *
 * Runs: VMFILTER_SQL_RUNS (default 300) for the default options, a quarter of that for each of
 * caseSensitive / underscoreWildcard / both; VMFILTER_SQL_SEED replays a failure's seed.
 * Needs VMFILTER_MYSQL_URL (`npm run db:start`): without it the tests fail, they never skip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaskOptions } from "../../src/index.js";
import { differentialProperty, fixedCase, propertyTimeout as timeout, SQL_RUNS as RUNS } from "../helpers/sql-differential.js";
import { mysqlEngine, mysqlHostDdl, type Engine, type HostRecord } from "../helpers/sql-engines.js";

/** This file's table (test files run in parallel against one database). */
const TABLE = "h_differential";

let mysql: Engine;

beforeAll(async () => {
  mysql = await mysqlEngine(TABLE);
  await mysql.exec(`DROP TABLE IF EXISTS \`${TABLE}\``);
  await mysql.exec(mysqlHostDdl(TABLE));
});

afterAll(async () => {
  await mysql?.exec(`DROP TABLE IF EXISTS \`${TABLE}\``);
  await mysql?.close();
});

const property = (options: MaskOptions, runs: number) => differentialProperty({ arrays: false, decimal: true }, () => [mysql], options, runs);

describe("apply and MariaDB return the same rows in the same order", () => {
  it(`default options (${RUNS} runs)`, property({}, RUNS), timeout(RUNS));
  const fewer = Math.max(1, Math.ceil(RUNS / 4));
  it(`caseSensitive (${fewer} runs)`, property({ caseSensitive: true }, fewer), timeout(fewer));
  it(`underscoreWildcard (${fewer} runs)`, property({ underscoreWildcard: true }, fewer), timeout(fewer));
  it(`caseSensitive and underscoreWildcard (${fewer} runs)`, property({ caseSensitive: true, underscoreWildcard: true }, fewer), timeout(fewer));
});

describe("fixed cases: MariaDB's collations, numbers and JSON", () => {
  const cases: { name: string; records: HostRecord[]; filter: string; options?: MaskOptions }[] = [
    // PAD SPACE: the column's collation says 'a' = 'a '
    { name: "trailing spaces are significant in EQ and NE", records: [{ id: 1, s: "a" }, { id: 2, s: "a " }, { id: 3, s: "a  " }, { id: 4, s: " a" }], filter: "s EQ 'a' OR u NE 'a '" },
    { name: "trailing spaces in order and ranges", records: [{ id: 1, s: "a " }, { id: 2, s: "a" }, { id: 3, s: "a\t" }, { id: 4, s: "a\n" }], filter: "where=s GT 'a' OR s LE 'a'&orderby=s desc" },
    { name: "trailing spaces in CP", records: [{ id: 1, s: "a" }, { id: 2, s: "a " }, { id: 3, s: "A " }], filter: "s CP 'a' OR u CP 'a %'" },
    // case- and accent-insensitive collation
    { name: "EQ is exact: É, é, e, E", records: [{ id: 1, s: "É" }, { id: 2, s: "é" }, { id: 3, s: "e" }, { id: 4, s: "E" }], filter: "s EQ 'é' OR s EQ 'E'" },
    { name: "ranges and order by code point: É < e < é", records: [{ id: 1, s: "É" }, { id: 2, s: "é" }, { id: 3, s: "e" }, { id: 4, s: "E" }, { id: 5, s: "ß" }, { id: 6, s: "ss" }], filter: "where=s GT 'E' AND s LT 'é'&orderby=s" },
    { name: "NE is exact: ß and ss", records: [{ id: 1, s: "ß" }, { id: 2, s: "ss" }, { id: 3, s: "SS" }], filter: "s NE 'ss'" },
    { name: "CP folds ASCII only: É is not é", records: [{ id: 1, s: "WEB" }, { id: 2, s: "É" }, { id: 3, s: "é" }, { id: 4, s: "e" }], filter: "s CP 'web' OR s CP 'é'" },
    { name: "case-sensitive CP", records: [{ id: 1, s: "Web" }, { id: 2, s: "web" }, { id: 3, s: "WEB" }], filter: "s CP 'W%'", options: { caseSensitive: true } },
    { name: "astral code points", records: [{ id: 1, s: "\uFFFF" }, { id: 2, s: "\u{10000}" }, { id: 3, s: "😀" }, { id: 4, s: "𝔸" }], filter: "where=s GT '\uFFFF' OR s EQ '😀'&orderby=s desc" },
    // CP syntax in the mask
    { name: "CP with backslash, _ and % literal in the data", records: [{ id: 1, s: "a\\b" }, { id: 2, s: "a_b" }, { id: 3, s: "axb" }, { id: 4, s: "a%b" }, { id: 5, s: "a\\\\b" }], filter: "s CP 'a\\b' OR s CP '%\\%' OR s CP 'a_b'" },
    { name: "CP _ as a wildcard takes one code point", records: [{ id: 1, s: "a😀b" }, { id: 2, s: "ab" }, { id: 3, s: "a_b" }, { id: 4, s: "a\\b" }], filter: "s CP 'a_b'", options: { underscoreWildcard: true } },
    { name: "CP mask ending in a backslash", records: [{ id: 1, s: "a\\" }, { id: 2, s: "a" }, { id: 3, s: "a\\\\" }], filter: "s CP 'a\\' OR s CP '%\\\\'" },
    { name: "CP with % only and the empty mask", records: [{ id: 1, s: "" }, { id: 2, s: " " }, { id: 3, s: null }, { id: 4 }], filter: "s CP '' OR u CP '%'" },
    { name: "empty text vs spaces", records: [{ id: 1, s: "" }, { id: 2, s: " " }, { id: 3, s: "  " }], filter: "where=s EQ '' OR s NE ' '&orderby=s desc" },
    { name: "NUL inside text (MariaDB stores it)", records: [{ id: 1, s: "a\0b" }, { id: 2, s: "a" }, { id: 3, s: "\0" }, { id: 4, s: "a\0" }], filter: "where=s EQ 'a\0b' OR s CP '%\0' OR s GT 'a\0a'&orderby=s" },
    // integers near 2^63
    { name: "BIGINT edges", records: [{ id: 1, i: 2n ** 63n - 1n }, { id: 2, i: -(2n ** 63n) }, { id: 3, i: 2n ** 62n }, { id: 4, i: 0 }], filter: "i EQ 9223372036854775807 OR i LE -9223372036854775808 OR i GT 4611686018427387904" },
    { name: "literals past int64 on a BIGINT", records: [{ id: 1, i: 2n ** 63n - 1n }, { id: 2, i: -(2n ** 63n) }], filter: "i LT 9223372036854775808 AND i GT -9223372036854775809" },
    { name: "literals past int64, EQ and NE", records: [{ id: 1, i: 2n ** 63n - 1n }, { id: 2, i: -(2n ** 63n) }, { id: 3 }], filter: "i EQ 9223372036854775808 OR i NE -9223372036854775809" },
    { name: "non-integer literal near 2^63 on a BIGINT", records: [{ id: 1, i: 2n ** 63n - 1n }, { id: 2, i: -(2n ** 63n) }], filter: "i GE 9223372036854775806.5 OR i LT -9223372036854775807.5" },
    { name: "integer literal past 2^53 on a BIGINT", records: [{ id: 1, i: 9007199254740992 }, { id: 2, i: 9007199254740993n }], filter: "i EQ 9007199254740993" },
    { name: "reference id past 2^62 in JSON", records: [{ id: 1, cluster: { id: 2n ** 63n - 1n } }, { id: 2, cluster: { id: 9007199254740993n } }], filter: "where=cluster EQ 9223372036854775807 OR cluster.id EQ 9007199254740993&orderby=cluster desc" },
    // decimals
    { name: "DECIMAL: 0.1 + 0.2 is not 0.3", records: [{ id: 1, n: 0.1 + 0.2 }, { id: 2, n: 0.3 }, { id: 3, n: 0.1 }], filter: "n EQ 0.3 OR n GT 0.30000000000000001" },
    { name: "DECIMAL: integer literal, quoted literal, zeros", records: [{ id: 1, n: 2.5 }, { id: 2, n: 3 }, { id: 3, n: -0.5 }], filter: "n EQ 3 OR n EQ '002.500' OR n LT -0.25" },
    { name: "DECIMAL: 30 fraction digits", records: [{ id: 1, n: 1e-7 }, { id: 2, n: 0 }], filter: "n GT 0.00000000000000000001 AND n LT 0.00000010000000000000000000001" },
    { name: "DECIMAL: large values and literals beyond DECIMAL(65,30)", records: [{ id: 1, n: 1e21 }, { id: 2, n: -1e21 }, { id: 3, n: 123456789012345680 }, { id: 4, n: 1.2345678901234567e34 }], filter: `n GT -1${"0".repeat(80)} AND n LT 1${"0".repeat(70)} AND n NE 123456789012345680` },
    // MariaDB 10.11's CAST('-1000…' AS DECIMAL(65,30)) of text with more than 81 integer digits
    // clamps to the *positive* maximum, so toSql decides literals beyond DECIMAL(65,30) itself.
    { name: "DECIMAL: negative literal with 82 digits (decided by toSql: MariaDB would flip its sign)", records: [{ id: 1, n: 0 }, { id: 2, cluster: { id: 1, weight: -5 } }], filter: `n GT -1${"0".repeat(81)} OR cluster.weight GT -1${"0".repeat(81)}` },
    { name: "JSON numbers: decimals and integers", records: [{ id: 1, cluster: { id: 1, weight: 0.1 } }, { id: 2, cluster: { id: 2, weight: 2.5 } }, { id: 3, cluster: { id: 3, weight: -3 } }], filter: "where=cluster.weight GT 0.1 OR cluster.weight EQ -3&orderby=cluster.weight desc" },
    // JSON numbers read through DECIMAL(65,30) would round past 30 decimals and clamp past 10^35;
    // toSql reads them as DOUBLE, the JavaScript numbers they were written from.
    { name: "JSON number below DECIMAL(65,30)'s scale (read as DOUBLE, not rounded)", records: [{ id: 1, cluster: { id: 1, weight: 1e-31 } }, { id: 2, cluster: { id: 2, weight: 0 } }], filter: "cluster.weight GT 0" },
    { name: "JSON number beyond DECIMAL(65,30)'s range (read as DOUBLE, not clamped)", records: [{ id: 1, cluster: { id: 1, weight: 1e40 } }, { id: 2, cluster: { id: 2, weight: 2e40 } }], filter: `cluster.weight LT 2${"0".repeat(40)}` },
    // JSON null and missing members
    { name: "JSON null vs missing member vs NULL column", records: [{ id: 1, cluster: { id: 1, name: null } }, { id: 2, cluster: { id: 2 } }, { id: 3, cluster: null }, { id: 4 }, { id: 5, cluster: { id: 5, name: "null" } }], filter: "where=cluster.name IS null OR cluster.name EQ 'null'&orderby=cluster.name desc" },
    { name: "NOT over JSON null and missing members", records: [{ id: 1, cluster: { id: 1, name: null, up: null } }, { id: 2, cluster: { id: 2 } }, { id: 3, cluster: { id: 3, name: "x", up: false } }], filter: "NOT (cluster.name EQ 'y') OR NOT (cluster.up EQ true)" },
    { name: "JSON strings with escapes", records: [{ id: 1, cluster: { id: 1, name: 'a"b' } }, { id: 2, cluster: { id: 2, name: "a\\b" } }, { id: 3, cluster: { id: 3, name: "a\nb" } }, { id: 4, cluster: { id: 4, name: "😀" } }], filter: `cluster.name EQ 'a"b' OR cluster.name EQ 'a\\b' OR cluster.name CP 'a%b' OR cluster.name GT '\uFFFF'` },
    // booleans
    { name: "booleans: TINYINT(1) and JSON true/false", records: [{ id: 1, b: true, cluster: { id: 1, up: true } }, { id: 2, b: false, cluster: { id: 2, up: false } }, { id: 3, b: null, cluster: { id: 3, up: null } }, { id: 4 }], filter: "where=b EQ true OR cluster.up NE true&orderby=b desc,cluster.up" },
    { name: "booleans against other literals", records: [{ id: 1, b: true }, { id: 2, b: false }, { id: 3, b: null }], filter: "b NE 'true' OR b GT false OR b EQ 1" },
    // NOT over NULL
    { name: "NOT of unknown stays unknown", records: [{ id: 1 }, { id: 2, s: "x" }, { id: 3, s: null }, { id: 4, i: 1 }], filter: "NOT (s EQ 'y') OR NOT (i GT 0)" },
    { name: "NOT of a constant comparison on NULL", records: [{ id: 1, s: "x" }, { id: 2 }, { id: 3, i: 5 }, { id: 4, b: true }], filter: "NOT (i CP 'x') OR NOT (b EQ 'x')" },
    { name: "limit past the end, single-number limit", records: [{ id: 1 }, { id: 2 }, { id: 3 }], filter: "where=id GE 1&orderby=id desc&limit=2" },
    { name: "limit with an offset", records: [{ id: 1, s: "b" }, { id: 2, s: "a" }, { id: 3, s: "c" }], filter: "where=id GE 1&orderby=s&limit=1,1" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { expected, got } = await fixedCase([mysql], c.records, c.filter, c.options ?? {});
      expect(got).toEqual(got.map((g) => ({ engine: g.engine, ...expected })));
    });
  }
});

describe("the server's sql_mode", () => {
  /** Runs `body` with `mode` added to the session's sql_mode, then puts the session's back. */
  async function withMode(mode: string, body: () => Promise<void>): Promise<void> {
    const saved = String((await mysql.rows({ text: "SELECT @@SESSION.sql_mode AS m", params: [] }))[0]!.m);
    await mysql.exec(`SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',${mode}')`);
    try {
      await body();
    } finally {
      await mysql.exec(`SET SESSION sql_mode = '${saved}'`);
    }
  }
  const records: HostRecord[] = [{ id: 1, s: "a%b", u: "É", cluster: { id: 1, name: "x_y" } }, { id: 2, s: "A b", u: "e" }, { id: 3 }];

  it("ANSI (ANSI_QUOTES, PIPES_AS_CONCAT, …) changes nothing", async () => {
    await withMode("ANSI", async () => {
      for (const filter of ["where=s CP 'a%' OR u GT 'e' OR cluster.name CP 'x_y'&orderby=u desc,s", "NOT (s EQ 'a%b') AND cluster.name IS null"]) {
        const { expected, got } = await fixedCase([mysql], records, filter);
        expect(got).toEqual(got.map((g) => ({ engine: g.engine, ...expected })));
      }
    });
  });

  // No MySQL constant toSql writes holds a backslash (LIKE escapes with '!'; JSON member names
  // with a backslash or double quote are refused), so the SQL means the same under every sql_mode.
  it("NO_BACKSLASH_ESCAPES: CP works (ESCAPE is not a backslash)", async () => {
    await withMode("NO_BACKSLASH_ESCAPES", async () => {
      const { expected, got } = await fixedCase([mysql], records, "s CP 'a%'");
      expect(got).toEqual(got.map((g) => ({ engine: g.engine, ...expected })));
    });
  });
});
