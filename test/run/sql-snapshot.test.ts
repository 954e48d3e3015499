/**
 * The SQL text `toSql` writes, pinned. MySQL is not run anywhere in `npm test` (MariaDB runs in
 * `npm run test:db`), so its text is reviewed here by hand: backtick quoting, `CAST(? AS SIGNED)`,
 * the escape character written `'\\'` inside a MySQL string constant (backslashes are escapes
 * there), binary string comparisons, `COLLATE utf8mb4_bin` for case-sensitive LIKE.
 */
import { describe, expect, it } from "vitest";
import { toSql, type ColumnMap, type MaskOptions, type SqlDialect } from "../../src/index.js";

const columns: ColumnMap = {
  id: "id",
  n: { column: "n", type: "integer" },
  score: { column: "score", type: "number" },
  name: { column: "name", type: "string" },
  up: { column: "up", type: "boolean" },
  "cluster.id": { json: "cluster", path: "id", type: "integer" },
  "cluster.name": { json: "cluster", path: "name", type: "string" },
  "cluster.up": { json: "cluster", path: "up", type: "boolean" },
  "cluster.weight": { json: "cluster", path: "weight", type: "number" },
  tags: { array: "tags", type: "string" },
  "ip4.ip": { array: "ip4", member: "ip", type: "string" },
  owner: { column: "h.owner_name", type: "string" },
};

/** The clauses and params, one per line, for a readable snapshot. */
function sql(dialect: SqlDialect, filter: string, options: MaskOptions = {}): string {
  const out = toSql(filter, { dialect, columns, ...options });
  if (!out.ok) return `NOT OK ${out.diagnostics.map((d) => `${d.code}@${d.start}-${d.end}`).join(", ")}`;
  const params = JSON.stringify(out.params, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
  return [out.where && `WHERE ${out.where}`, out.orderBy && `ORDER BY ${out.orderBy}`, out.limit, `params ${params}`].filter(Boolean).join("\n");
}

describe("MySQL", () => {
  const my = (filter: string, options?: MaskOptions) => sql("mysql", filter, options);

  it("integer comparisons: every operator, CAST(? AS SIGNED), decimal text bound", () => {
    expect(my("(n EQ 5) AND (n NE -5) AND (n GT 0) AND (n GE 1) AND (n LT 10) AND (n LE 9)")).toMatchInlineSnapshot(`
      "WHERE ((\`n\` = CAST(? AS SIGNED)) AND (\`n\` <> CAST(? AS SIGNED)) AND (\`n\` > CAST(? AS SIGNED)) AND (\`n\` >= CAST(? AS SIGNED)) AND (\`n\` < CAST(? AS SIGNED)) AND (\`n\` <= CAST(? AS SIGNED)))
      ORDER BY \`id\` ASC
      params ["5","-5","0","1","10","9"]"
    `);
  });

  it("non-integer and out-of-range literals on an integer column", () => {
    expect(my("(n GT 1.5) OR (n LE -1.5) OR (n EQ 2.5) OR (n NE 0.5)")).toMatchInlineSnapshot(`
      "WHERE ((\`n\` >= CAST(? AS SIGNED)) OR (\`n\` <= CAST(? AS SIGNED)) OR (CASE WHEN \`n\` IS NULL THEN NULL ELSE FALSE END) OR (CASE WHEN \`n\` IS NULL THEN NULL ELSE TRUE END))
      ORDER BY \`id\` ASC
      params ["2","-2"]"
    `);
    expect(my("(n LT 9223372036854775808) AND (n GE -9223372036854775809) AND (n EQ 9223372036854775807)")).toMatchInlineSnapshot(`
      "WHERE ((CASE WHEN \`n\` IS NULL THEN NULL ELSE TRUE END) AND (CASE WHEN \`n\` IS NULL THEN NULL ELSE TRUE END) AND (\`n\` = CAST(? AS SIGNED)))
      ORDER BY \`id\` ASC
      params ["9223372036854775807"]"
    `);
  });

  it("number columns: exact DECIMAL(65,30)", () => {
    expect(my("(score GT 0.1) AND (score EQ '1.50') AND (score LT 100000000000000000000000.5) AND (score NE 7)")).toMatchInlineSnapshot(`
      "WHERE ((\`score\` > CAST(? AS DECIMAL(65,30))) AND (\`score\` = CAST(? AS DECIMAL(65,30))) AND (\`score\` < CAST(? AS DECIMAL(65,30))) AND (\`score\` <> CAST(? AS DECIMAL(65,30))))
      ORDER BY \`id\` ASC
      params ["0.1","1.5","100000000000000000000000.5","7"]"
    `);
  });

  it("text comparisons go through binary strings; EQ tests the column first", () => {
    expect(my("(name EQ 'web') OR (name NE 'db') OR (name GT 'a') OR (name LE 'z') OR (name EQ '42')")).toMatchInlineSnapshot(`
      "WHERE ((\`name\` = ? AND CAST(\`name\` AS BINARY) = CAST(? AS BINARY)) OR (CAST(\`name\` AS BINARY) <> CAST(? AS BINARY)) OR (CAST(\`name\` AS BINARY) > CAST(? AS BINARY)) OR (CAST(\`name\` AS BINARY) <= CAST(? AS BINARY)) OR (\`name\` = ? AND CAST(\`name\` AS BINARY) = CAST(? AS BINARY)))
      ORDER BY \`id\` ASC
      params ["web","web","db","a","z","42","42"]"
    `);
  });

  it("CP: ASCII-only folding with REPLACE, escape character '!' (no backslash in any MySQL constant)", () => {
    expect(my("name CP '%Web_1\\%'")).toMatchInlineSnapshot(`
      "WHERE (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(\`name\` COLLATE utf8mb4_bin, 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') LIKE ? ESCAPE '!')
      ORDER BY \`id\` ASC
      params ["%web!_1\\\\%"]"
    `);
  });

  it("CP caseSensitive: COLLATE utf8mb4_bin LIKE", () => {
    expect(my("name CP '%Web_1\\%'", { caseSensitive: true })).toMatchInlineSnapshot(`
      "WHERE (\`name\` COLLATE utf8mb4_bin LIKE ? ESCAPE '!')
      ORDER BY \`id\` ASC
      params ["%Web!_1\\\\%"]"
    `);
  });

  it("CP underscoreWildcard: `_` left unescaped", () => {
    expect(my("name CP 'a_b%'", { underscoreWildcard: true, caseSensitive: true })).toMatchInlineSnapshot(`
      "WHERE (\`name\` COLLATE utf8mb4_bin LIKE ? ESCAPE '!')
      ORDER BY \`id\` ASC
      params ["a_b%"]"
    `);
  });

  it("booleans bound as 1 and 0; mismatches become NULL-keeping constants", () => {
    expect(my("(up EQ true) AND (up NE false) AND NOT (up EQ 'yes') AND (n CP '5%')")).toMatchInlineSnapshot(`
      "WHERE ((\`up\` = ?) AND (\`up\` <> ?) AND (NOT (CASE WHEN \`up\` IS NULL THEN NULL ELSE FALSE END)) AND (CASE WHEN \`n\` IS NULL THEN NULL ELSE FALSE END))
      ORDER BY \`id\` ASC
      params [1,0]"
    `);
  });

  it("JSON members: JSON null reads as NULL; numbers through DECIMAL; booleans from 'true'/'false'", () => {
    expect(my("(cluster.id GT 3) AND (cluster.name EQ 'x') AND (cluster.up EQ true) AND (cluster.weight LE 0.5)")).toMatchInlineSnapshot(`
      "WHERE ((CAST((CASE WHEN JSON_TYPE(JSON_EXTRACT(\`cluster\`, '$."id"')) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(\`cluster\`, '$."id"')) END) AS SIGNED) > CAST(? AS SIGNED)) AND ((CASE WHEN JSON_TYPE(JSON_EXTRACT(\`cluster\`, '$."name"')) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(\`cluster\`, '$."name"')) END) = ? AND CAST((CASE WHEN JSON_TYPE(JSON_EXTRACT(\`cluster\`, '$."name"')) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(\`cluster\`, '$."name"')) END) AS BINARY) = CAST(? AS BINARY)) AND ((CASE (CASE WHEN JSON_TYPE(JSON_EXTRACT(\`cluster\`, '$."up"')) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(\`cluster\`, '$."up"')) END) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END) = ?) AND (CAST((CASE WHEN JSON_TYPE(JSON_EXTRACT(\`cluster\`, '$."weight"')) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(\`cluster\`, '$."weight"')) END) AS DOUBLE) <= CAST(? AS DOUBLE)))
      ORDER BY \`id\` ASC
      params ["3","x","x",1,"0.5"]"
    `);
  });

  it("IS null, IS NOT null, NOT, nesting", () => {
    expect(my("NOT (name IS null) AND ((n IS NOT null) OR NOT ((up EQ true) AND (owner EQ 'me')))")).toMatchInlineSnapshot(`
      "WHERE ((NOT (\`name\` IS NULL)) AND ((NOT (\`n\` IS NULL)) OR (NOT ((\`up\` = ?) AND (\`h\`.\`owner_name\` = ? AND CAST(\`h\`.\`owner_name\` AS BINARY) = CAST(? AS BINARY))))))
      ORDER BY \`id\` ASC
      params [1,"me","me"]"
    `);
  });

  it("orderby (text keys as binary strings, id appended), limit as parameters", () => {
    expect(my("where=name CP 'a%'&orderby=name desc,n,cluster.name&limit=20,10")).toMatchInlineSnapshot(`
      "WHERE (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(\`name\` COLLATE utf8mb4_bin, 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') LIKE ? ESCAPE '!')
      ORDER BY CAST(\`name\` AS BINARY) DESC, \`n\` ASC, CAST((CASE WHEN JSON_TYPE(JSON_EXTRACT(\`cluster\`, '$."name"')) = 'NULL' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(\`cluster\`, '$."name"')) END) AS BINARY) ASC, \`id\` ASC
      LIMIT ? OFFSET ?
      params ["a%",10,20]"
    `);
  });

  it("no where, orderby by id only: no id key appended twice", () => {
    expect(my("orderby=id desc&limit=5")).toMatchInlineSnapshot(`
      "ORDER BY \`id\` DESC
      LIMIT ? OFFSET ?
      params [5,0]"
    `);
  });

  it("array fields have no MySQL translation: ok false, sql-invalid-column on the field", () => {
    expect(my("tags EQ 'a'")).toMatchInlineSnapshot(`"NOT OK sql-invalid-column@0-4"`);
    expect(my("(name EQ 'x') AND (ip4.ip CP '10.%')")).toMatchInlineSnapshot(`"NOT OK sql-invalid-column@19-25"`);
    const out = toSql("tags IS null", { dialect: "mysql", columns });
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toMatchObject([{ code: "sql-invalid-column", severity: "error", start: 0, end: 4 }]);
    expect(out.diagnostics[0]!.message).toMatch(/mysql has no array support/);
  });

  it("identifiers with backticks are doubled", () => {
    const out = toSql("x EQ 'a'", { dialect: "mysql", columns: { id: "id", x: { column: "we`ird", type: "string" } } });
    expect(out.where).toMatchInlineSnapshot(`"(\`we\`\`ird\` = ? AND CAST(\`we\`\`ird\` AS BINARY) = CAST(? AS BINARY))"`);
  });
});

describe("PostgreSQL", () => {
  const pg = (filter: string, options?: MaskOptions) => sql("postgres", filter, options);

  it("numbers, text, booleans, CP, JSON members", () => {
    expect(pg("(n GT 1.5) AND (score EQ 0.1) AND (name GE 'a') AND (up EQ true) AND (name CP '%Web_1\\%') AND (cluster.id EQ 3) AND (cluster.up NE false)")).toMatchInlineSnapshot(`
      "WHERE (("n" >= $1::bigint) AND ("score" = $2::numeric) AND ("name" >= $3 COLLATE "C") AND ("up" = $4::boolean) AND (translate("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE $5 ESCAPE '\\') AND (("cluster" #>> '{"id"}')::numeric = $6::bigint) AND (("cluster" #>> '{"up"}')::boolean <> $7::boolean))
      ORDER BY "id" ASC NULLS FIRST
      params ["2","0.1","a",true,"%web\\\\_1\\\\\\\\%","3",false]"
    `);
  });

  it("case-sensitive CP, orderby, limit, firstParameter", () => {
    const out = toSql("where=(name CP 'A%') AND (n LT 3)&orderby=name desc,score&limit=0,10", { dialect: "postgres", columns, caseSensitive: true, firstParameter: 4 });
    expect([out.where, out.orderBy, out.limit, out.params]).toMatchInlineSnapshot(`
      [
        "(("name" LIKE $4 ESCAPE '\\') AND ("n" < $5::bigint))",
        ""name" COLLATE "C" DESC NULLS LAST, "score" ASC NULLS FIRST, "id" ASC NULLS FIRST",
        "LIMIT $6 OFFSET $7",
        [
          "A%",
          "3",
          10,
          0,
        ],
      ]
    `);
  });

  it("arrays: any element, NULL when only unknown elements", () => {
    expect(pg("(tags EQ 'a') OR (ip4.ip IS null)")).toMatchInlineSnapshot(`
      "WHERE ((CASE WHEN "tags" IS NULL THEN NULL ELSE (SELECT CASE WHEN bool_or(c) THEN TRUE WHEN count(*) > count(c) THEN NULL ELSE FALSE END FROM (SELECT (e.v #>> '{}' = $1) AS c FROM jsonb_array_elements("tags") AS e(v)) AS vf_elements) END) OR ("ip4" IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements("ip4") AS e(v) WHERE e.v #>> '{"ip"}' IS NULL)))
      ORDER BY "id" ASC NULLS FIRST
      params ["a"]"
    `);
  });
});

describe("SQLite", () => {
  const lite = (filter: string, options?: MaskOptions) => sql("sqlite", filter, options);

  it("numbers (bound as numbers, BigInt past 2^53), text, booleans, CP", () => {
    expect(lite("(n GT 1.5) AND (n EQ 9007199254740993) AND (score GT 0.10000000000000001) AND (name LT 'b') AND (up EQ false) AND (name CP '%Web_1\\%')")).toMatchInlineSnapshot(`
      "WHERE (("n" >= ?) AND ("n" = ?) AND ("score" > ?) AND ("name" < ?) AND ("up" = ?) AND ("name" LIKE ? ESCAPE '\\'))
      ORDER BY "id" ASC
      params [2,"9007199254740993n",0.1,"b",0,"%Web\\\\_1\\\\\\\\%"]"
    `);
  });

  it("case-sensitive CP is GLOB with * ? [ bracketed; JSON members; orderby", () => {
    expect(lite("where=(name CP '*a?[b]%') AND (cluster.name EQ 'x')&orderby=cluster.name desc&limit=3", { caseSensitive: true, underscoreWildcard: true })).toMatchInlineSnapshot(`
      "WHERE (("name" GLOB ?) AND (json_extract("cluster", '$."name"') = ?))
      ORDER BY json_extract("cluster", '$."name"') DESC, "id" ASC
      LIMIT ? OFFSET ?
      params ["[*]a[?][[]b]*","x",3,0]"
    `);
  });

  it("arrays with json_each", () => {
    expect(lite("NOT (tags CP '%a%') AND (ip4.ip EQ '10.0.0.1')")).toMatchInlineSnapshot(`
      "WHERE ((NOT (CASE WHEN "tags" IS NULL THEN NULL ELSE (SELECT CASE WHEN max(c) THEN TRUE WHEN count(*) > count(c) THEN NULL ELSE FALSE END FROM (SELECT (e.value LIKE ? ESCAPE '\\') AS c FROM json_each("tags") AS e) AS vf_elements) END)) AND (CASE WHEN "ip4" IS NULL THEN NULL ELSE (SELECT CASE WHEN max(c) THEN TRUE WHEN count(*) > count(c) THEN NULL ELSE FALSE END FROM (SELECT (json_extract(e.value, '$."ip"') = ?) AS c FROM json_each("ip4") AS e) AS vf_elements) END))
      ORDER BY "id" ASC
      params ["%a%","10.0.0.1"]"
    `);
  });
});
