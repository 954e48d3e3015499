/**
 * Every tree walk is safe at the deepest tree the parser accepts (issue 9): `MAX_SAFE_DEPTH`
 * levels of brackets and NOTs, with AND / OR groups at every level, through the printer, the
 * validator, the compilers, the visitor, JSON, normalisation, migration, the converters and the
 * editor services. And on trees built in code far deeper (100 000 levels) where the API takes a
 * tree: each answers, or refuses with its documented code, and never overflows the stack. (The
 * printer, the visitor, `transform`, `normalize` and `fromJSON` of text are tried at 100 000
 * levels in test/print and test/tree already; the parser at 100 000 in test/syntax/limits.)
 */
import { describe, expect, it } from "vitest";
import {
  analyze,
  apply,
  compile,
  equivalent,
  FilterRunError,
  format,
  fromJSON,
  fromMongo,
  fromReactQueryBuilder,
  getDiagnostics,
  getHover,
  MAX_SAFE_DEPTH,
  migrate,
  normalize,
  parse,
  schemas,
  toJSON,
  toMongo,
  toQueryString,
  toReactQueryBuilder,
  toSql,
  transform,
  validate,
  visit,
  type Expression,
  type QueryNode,
} from "../../src/index.js";
import { DEEP, groupChain, notChain } from "../tree/deep.js";

const LIMITS = { maxDepth: MAX_SAFE_DEPTH };

/** `NOT (b EQ 1 OR c EQ 2 AND NOT (…))`: NOT, OR and AND at every level, as deep as the parser allows. */
function deepestMixed(): string {
  let text = "(id EQ 1)";
  // each "NOT (" is two levels of the parser's depth
  for (let i = 0; i < MAX_SAFE_DEPTH / 2 - 1; i++) text = `NOT (name EQ 'n${i}' OR cpu_number GT ${i} AND ${text})`;
  return text;
}

const INPUTS: Readonly<Record<string, string>> = {
  mixed: deepestMixed(),
  brackets: "(".repeat(MAX_SAFE_DEPTH) + "id EQ 1" + ")".repeat(MAX_SAFE_DEPTH),
  nots: "NOT ".repeat(MAX_SAFE_DEPTH) + "id EQ 1",
  url: `where=${encodeURIComponent(deepestMixed())}&orderby=name+desc&limit=0,10`,
};

/** The depth of an expression tree, counted iteratively. */
function depthOf(node: Expression): number {
  let deepest = 0;
  const stack: [Expression, number][] = [[node, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (n.kind === "Not") stack.push([n.operand, d + 1]);
    else if (n.kind === "And" || n.kind === "Or") for (const o of n.operands) stack.push([o, d + 1]);
  }
  return deepest;
}

const COLUMNS = { id: "id", name: { column: "name", type: "string" as const }, cpu_number: { column: "cpu_number", type: "number" as const } };

describe("at the deepest tree the parser accepts (MAX_SAFE_DEPTH)", () => {
  it.each(Object.entries(INPUTS))("%s: parses at maxDepth MAX_SAFE_DEPTH, and one level more is refused", (name, text) => {
    const { query, diagnostics } = parse(text, LIMITS);
    expect(diagnostics.filter((d) => d.severity === "error"), name).toEqual([]);
    // brackets around one condition make no tree levels: only the parser counts them
    if (name !== "brackets") expect(depthOf(query.where!)).toBeGreaterThan(MAX_SAFE_DEPTH / 2);
    else expect(parse(`(${text})`, LIMITS).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
  });

  it.each(Object.entries(INPUTS))("%s: every walk answers", (_name, text) => {
    const { query } = parse(text, LIMITS);
    const where = query.where!;
    // printer and encoder: read back to the same tree, or (a NOT under a NOT is bracketed, so the
    // canonical text nests deeper than its source) refused as too deep, never mangled
    for (const printed of [format(query), toQueryString(query)]) {
      const reread = parse(printed, LIMITS);
      if (reread.diagnostics.length === 0) expect(equivalent(reread.query.where!, where)).toBe(true);
      else expect(reread.diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
    }
    // validator, with and without a schema; analyze and the editor services on the text
    expect(validate(query, schemas.vm.host).filter((d) => d.severity === "error")).toEqual([]);
    expect(analyze(text, { ...LIMITS, schema: schemas.vm.host }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(getDiagnostics(text, { ...LIMITS, schema: schemas.vm.host }).filter((d) => d.severity === "error")).toEqual([]);
    getHover(text, Math.floor(text.length / 2), { ...LIMITS, schema: schemas.vm.host });
    // compilers: the predicate, apply, SQL
    const records = [{ id: 1, name: "n0", cpu_number: 0 }, { id: 2, name: "x", cpu_number: 500 }, {}];
    const kept = records.filter(compile(query));
    expect(apply(query, records).size).toBe(kept.length);
    expect(apply(query.where!, records).list).toEqual(kept);
    const sql = toSql(query, { dialect: "sqlite", columns: COLUMNS });
    expect([sql.ok, sql.diagnostics.filter((d) => d.severity === "error")]).toEqual([true, []]);
    expect(toSql(query, { dialect: "postgres", columns: COLUMNS }).ok).toBe(true);
    // visitor and transform
    let nodes = 0;
    visit(query, { enter: () => void nodes++ });
    expect(nodes).toBeGreaterThanOrEqual(depthOf(where));
    expect(transform(query, (n) => n)).toBe(query);
    // JSON both ways, normalisation
    const back = fromJSON(JSON.stringify(toJSON(query)));
    expect(back.diagnostics).toEqual([]);
    expect(equivalent(back.node!, query)).toBe(true);
    expect(equivalent(normalize(query), query)).toBe(true);
    // migration of the text
    const migrated = migrate(text, { renameFields: { name: "title" }, parseOptions: LIMITS });
    expect(migrated.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(migrated.canonical).toBeDefined();
    if (text.includes("name")) expect(migrated.canonical).toContain("title");
    // the converters, there and back
    const mongo = toMongo(where);
    expect(mongo.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(fromMongo(mongo.query).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const rqb = toReactQueryBuilder(where);
    expect(rqb.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(fromReactQueryBuilder(rqb.group).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("input beyond it (100 000 levels) is refused by every text API with a diagnostic", () => {
    const text = "NOT (".repeat(DEEP) + "id EQ 1" + ")".repeat(DEEP);
    const options = { maxLength: 1_000_000, ...LIMITS };
    expect(analyze(text, options).diagnostics.map((d) => d.code)).toContain("nesting-too-deep");
    expect(getDiagnostics(text, options).map((d) => d.code)).toContain("nesting-too-deep");
    expect(migrate(text, { parseOptions: options }).diagnostics.map((d) => d.code)).toContain("nesting-too-deep");
    expect(toSql(text, { dialect: "sqlite", columns: COLUMNS }).ok).toBe(false);
    expect(() => compile(text)).toThrow();
  });
});

describe("trees built in code, 100 000 levels deep", () => {
  const trees: Readonly<Record<string, Expression>> = { "NOT chain": notChain(DEEP), "AND/OR chain": groupChain(DEEP) };
  const queryOf = (where: Expression): QueryNode => ({ kind: "Query", form: "url", where, parameters: [] });

  it.each(Object.keys(trees))("%s: compile and apply refuse with run-too-deep", (name) => {
    const where = trees[name]!;
    for (const run of [() => compile(where), () => apply(queryOf(where), [{ id: 1 }])]) {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FilterRunError);
      expect((thrown as FilterRunError).code).toBe("run-too-deep");
    }
  });

  it.each(Object.keys(trees))("%s: toSql reports run-too-deep, no SQL", (name) => {
    for (const dialect of ["sqlite", "postgres", "mysql"] as const) {
      const sql = toSql(queryOf(trees[name]!), { dialect, columns: COLUMNS });
      expect([sql.ok, sql.where, sql.diagnostics.map((d) => d.code)]).toEqual([false, "", expect.arrayContaining(["run-too-deep"])]);
    }
  });

  it("the converters follow a tree up to their 1 000 levels, there and back", () => {
    for (const where of [notChain(998), groupChain(998)]) {
      const mongo = toMongo(where);
      expect(mongo.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(fromMongo(mongo.query).diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
      const rqb = toReactQueryBuilder(where);
      expect(rqb.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(fromReactQueryBuilder(rqb.group).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
  });

  it.each(Object.keys(trees))("%s: the converters report convert-too-deep", (name) => {
    expect(toMongo(trees[name]!).diagnostics.map((d) => d.code)).toContain("convert-too-deep");
    expect(toReactQueryBuilder(trees[name]!).diagnostics.map((d) => d.code)).toContain("convert-too-deep");
  });

  it.each(Object.keys(trees))("%s: validate, toJSON, fromJSON (no depth limit) and equivalent answer", (name) => {
    const query = queryOf(trees[name]!);
    expect(Array.isArray(validate(query, schemas.vm.host))).toBe(true);
    const json = toJSON(query);
    const read = fromJSON(json, { maxDepth: Infinity });
    expect(read.diagnostics).toEqual([]);
    expect(fromJSON(json).diagnostics.map((d) => d.code)).toEqual(["json-too-deep"]);
    // compared as a boolean: a failing diff of a 100 000-deep tree would overflow the printer
    expect(equivalent(read.node!, query)).toBe(true);
  }, 30_000);
});
