import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format, parse, parseWhere, toQueryString, type AndNode, type ComparisonNode, type Expression, type Node, type OrNode, type QueryNode } from "../../src/index.js";
import { equivalent, normalize, transform, compareExpressions } from "../../src/tree/index.js";
import { expressionArb, queryArb } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";
import { DEEP, groupChain, leaf, notChain } from "./deep.js";

const RUNS = { numRuns: 1000 };

function where(text: string): Expression {
  const { where, diagnostics } = parseWhere(text);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return where!;
}

const text = (node: Node) => format(node);

// ---- generators of messy trees: nested same-kind groups, double NOTs, repeats (with other loc/raw)

const ATOMS: ComparisonNode[] = ["a EQ 1", "a EQ 2", "b EQ 'x'", "b CP '%x%'", "c EQ true"].map((t) => where(t) as ComparisonNode);

const atomArb: fc.Arbitrary<Expression> = fc.oneof(
  fc.constantFrom<Expression>(...ATOMS),
  // the same conditions as fresh objects, without loc and with another raw
  fc.constantFrom(...ATOMS).map((a) => ({ kind: "Comparison", field: { ...a.field, loc: undefined }, operator: a.operator, value: { ...a.value, raw: "other" } }) as Expression),
  fc.constantFrom("a", "b", "d").map((name) => ({ kind: "IsNull", field: { kind: "Field", path: [name], name } }) as Expression),
);

const messyArb: fc.Arbitrary<Expression> = fc.letrec<{ expr: Expression }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atomArb,
    tie("expr").map((operand) => ({ kind: "Not", operand }) as Expression),
    tie("expr").map((operand) => ({ kind: "Not", operand: { kind: "Not", operand } }) as Expression),
    fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((operands) => ({ kind: "And", operands }) as Expression),
    fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((operands) => ({ kind: "Or", operands }) as Expression),
    tie("expr").map((e) => ({ kind: "And", operands: [e, e] }) as Expression),
  ),
})).expr;

// ---- a boolean meaning: each distinct condition text is an atom with a random truth value

function evaluate(node: Expression, truth: (atom: string) => boolean): boolean {
  switch (node.kind) {
    case "Comparison":
    case "IsNull":
      return truth(format(node));
    case "Not":
      return !evaluate(node.operand, truth);
    case "And":
      return node.operands.every((o) => evaluate(o, truth));
    case "Or":
      return node.operands.some((o) => evaluate(o, truth));
  }
}

const valuationArb = fc.integer().map((seed) => (atom: string) => {
  let h = seed | 0;
  for (let i = 0; i < atom.length; i++) h = Math.imul(h ^ atom.charCodeAt(i), 0x9e3779b1);
  return ((h >>> 15) & 1) === 1;
});

/** Whether a tree is in normal form: no same-kind nesting, no double NOT, no repeats, groups of 2+. */
function isNormal(root: Expression): boolean {
  const stack: Expression[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "Not") {
      if (node.operand.kind === "Not") return false;
      stack.push(node.operand);
    } else if (node.kind === "And" || node.kind === "Or") {
      if (node.operands.length < 2) return false;
      const texts = node.operands.map((o) => JSON.stringify(strip(o)));
      if (new Set(texts).size !== texts.length) return false;
      for (const o of node.operands) {
        if (o.kind === node.kind) return false;
        stack.push(o);
      }
    }
  }
  return true;
}

/** A random reshuffle that keeps the meaning: operand order, extra double NOTs, regrouping. */
function shuffle(node: Expression, choice: (n: number) => number): Expression {
  const out = transform(node, (n) => {
    if (n.kind !== "And" && n.kind !== "Or") return choice(4) === 0 && (n.kind === "Comparison" || n.kind === "IsNull") ? { kind: "Not", operand: { kind: "Not", operand: n } } : n;
    const operands = n.operands.slice();
    for (let i = operands.length - 1; i > 0; i--) {
      const j = choice(i + 1);
      [operands[i], operands[j]] = [operands[j]!, operands[i]!];
    }
    if (operands.length > 2 && choice(2) === 0) return { ...n, operands: [operands[0]!, { kind: n.kind, operands: operands.slice(1) } as AndNode | OrNode] };
    return { ...n, operands };
  });
  return out as Expression;
}

const choiceArb = fc.array(fc.nat(), { minLength: 32, maxLength: 32 }).map((seeds) => {
  let i = 0;
  return (n: number) => seeds[i++ % seeds.length]! % n;
});

describe("normalize", () => {
  it("flattens nested groups of the same operator", () => {
    const nested: Expression = { kind: "And", operands: [where("a EQ 1"), { kind: "And", operands: [where("b EQ 2"), { kind: "And", operands: [where("c EQ 3"), where("d EQ 4")] }] }] };
    const out = normalize(nested) as AndNode;
    expect(out.operands.map(text)).toEqual(["(a EQ 1)", "(b EQ 2)", "(c EQ 3)", "(d EQ 4)"]);
    const mixed = where("(a EQ 1) OR ((b EQ 2) AND (c EQ 3))");
    expect(normalize(mixed)).toBe(mixed);
  });

  it("removes double negation", () => {
    expect(text(normalize(where("NOT NOT (a EQ 1)")))).toBe("(a EQ 1)");
    expect(text(normalize(where("NOT NOT NOT (a EQ 1)")))).toBe("NOT (a EQ 1)");
    expect(text(normalize(where("(x EQ 1) AND NOT NOT ((a EQ 1) AND (b EQ 2))")))).toBe("(x EQ 1) AND (a EQ 1) AND (b EQ 2)");
  });

  it("keeps one of repeated conditions in a chain, ignoring loc and raw", () => {
    expect(text(normalize(where("(a EQ 1) AND (b EQ 2) AND (a EQ 1.0)")))).toBe("(a EQ 1) AND (b EQ 2)");
    expect(text(normalize(where("(a EQ 1) OR (a EQ 1)")))).toBe("(a EQ 1)");
    expect(text(normalize(where("((a EQ 1) OR (b EQ 2)) AND ((a EQ 1) OR (b EQ 2)) AND NOT NOT (c IS null) AND (c IS NULL)")))).toBe(
      "((a EQ 1) OR (b EQ 2)) AND (c IS null)",
    );
    // a quoted number is not the number; other operand orders are other groups unless sorted
    expect(text(normalize(where("(a EQ 1) AND (a EQ '1')")))).toBe("(a EQ 1) AND (a EQ '1')");
    const swapped = where("((a EQ 1) OR (b EQ 2)) AND ((b EQ 2) OR (a EQ 1))");
    expect(normalize(swapped)).toBe(swapped);
    expect(text(normalize(swapped, { sortOperands: true }))).toBe("(a EQ 1) OR (b EQ 2)");
  });

  it("keeps the first of repeated operands, with its loc", () => {
    const e = where("(a EQ 1) AND (a EQ 1)") as AndNode;
    expect(normalize(e)).toBe(e.operands[0]);
  });

  it("sorts operands in a stable order with sortOperands", () => {
    const e = where("(b EQ 1) OR ((z EQ 1) OR (y EQ 1)) AND (x EQ 1) OR (a EQ 2) OR NOT (a EQ 1) OR (a IS null) OR (a EQ 1) OR (a GT 1) OR (a EQ 'x') OR (a EQ true) OR ((c EQ 1) AND (d EQ 1))");
    expect(text(normalize(e, { sortOperands: true }))).toBe(
      "(a EQ true) OR (a EQ 1) OR NOT (a EQ 1) OR (a EQ 2) OR (a EQ 'x') OR (a GT 1) OR (a IS null) OR (b EQ 1) OR ((c EQ 1) AND (d EQ 1)) OR ((x EQ 1) AND ((y EQ 1) OR (z EQ 1)))",
    );
    expect(text(normalize(e))).toBe(text(e));
  });

  it("normalises a Query's where and keeps everything else", () => {
    const { query } = parse("where=NOT NOT (a EQ 1)&orderby=b&limit=0,1&x=1");
    const out = normalize(query);
    expect(format(out)).toBe("where=(a EQ 1)&orderby=b asc&limit=0,1&x=1");
    expect(out.orderBy).toBe(query.orderBy);
    expect(out.loc).toEqual(query.loc);
    const clean = parse("where=(a EQ 1)&orderby=b").query;
    expect(normalize(clean)).toBe(clean);
    const field = (where("a EQ 1") as ComparisonNode).field;
    expect(normalize(field)).toBe(field);
  });

  it("never mutates its input", () => {
    fc.assert(
      fc.property(messyArb, fc.boolean(), (e, sortOperands) => {
        const before = JSON.stringify(e);
        normalize(e, { sortOperands });
        expect(JSON.stringify(e)).toBe(before);
      }),
      RUNS,
    );
  });

  it("gives normal forms, idempotently (the same object the second time)", () => {
    fc.assert(
      fc.property(messyArb, fc.boolean(), (e, sortOperands) => {
        const once = normalize(e, { sortOperands });
        expect(isNormal(once)).toBe(true);
        expect(normalize(once, { sortOperands })).toBe(once);
      }),
      RUNS,
    );
  });

  it("keeps the meaning of every tree", () => {
    fc.assert(
      fc.property(messyArb, fc.boolean(), valuationArb, (e, sortOperands, truth) => {
        expect(evaluate(normalize(e, { sortOperands }), truth)).toBe(evaluate(e, truth));
      }),
      RUNS,
    );
  });

  it("changes nothing, text included, on generated trees without repeats or double NOT", () => {
    fc.assert(
      fc.property(expressionArb, (e) => {
        fc.pre(isNormal(e));
        const out = normalize(e);
        expect(out).toBe(e);
        expect(format(out)).toBe(format(e));
      }),
      RUNS,
    );
  });

  it("gives trees that print (toQueryString) and parse back to themselves", () => {
    fc.assert(
      fc.property(queryArb, fc.boolean(), (q, sortOperands) => {
        const out = normalize(q, { sortOperands });
        const { query, diagnostics } = parse(toQueryString(out));
        expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(strip(query)).toEqual(strip(out));
      }),
      RUNS,
    );
  });

  it("sorted normal forms do not depend on operand order, extra double NOTs or grouping", () => {
    fc.assert(
      fc.property(messyArb, choiceArb, (e, choice) => {
        const a = normalize(e, { sortOperands: true });
        const b = normalize(shuffle(e, choice), { sortOperands: true });
        expect(strip(b)).toEqual(strip(a));
      }),
      RUNS,
    );
  });

  it("normalises a 100 000-deep NOT chain and a 100 000-deep AND/OR chain built in code", () => {
    // identity checks as booleans: a failing diff of a 100 000-deep tree would overflow the printer
    expect(normalize(notChain(DEEP)) === leaf).toBe(true);
    const odd = normalize(notChain(DEEP + 1));
    expect(odd.kind === "Not" && odd.operand === leaf).toBe(true);
    const groups = groupChain(DEEP);
    expect(normalize(groups) === groups).toBe(true);
    const sorted = normalize(groups, { sortOperands: true });
    expect(normalize(sorted, { sortOperands: true }) === sorted).toBe(true);
    const reversed = transform(groups, (n) => (n.kind === "And" || n.kind === "Or" ? { ...n, operands: n.operands.slice().reverse() } : n))!;
    expect(equivalent(reversed, groups)).toBe(true);
  });
});

describe("compareExpressions", () => {
  const arb = fc.oneof(messyArb, expressionArb);
  it("is a total order: antisymmetric, transitive, zero only for equal trees", () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        const ab = compareExpressions(a, b);
        expect(Math.sign(compareExpressions(b, a)) + 0).toBe(-Math.sign(ab) + 0);
        expect(ab === 0).toBe(JSON.stringify(strip(a)) === JSON.stringify(strip(b)));
        const bc = compareExpressions(b, c);
        if (ab <= 0 && bc <= 0) expect(compareExpressions(a, c)).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe("equivalent", () => {
  const q = (t: string): QueryNode => parse(t).query;

  it("compares normal forms with sorted operands, ignoring loc and raw", () => {
    expect(equivalent(q("a EQ 1 AND b EQ 2"), q("(b EQ 2) AND NOT NOT (a EQ 1.0)"))).toBe(true);
    expect(equivalent(q("a EQ 1 AND (b EQ 2 AND c EQ 3)"), q("c EQ 3 AND b EQ 2 AND a EQ 1 AND b EQ 2"))).toBe(true);
    expect(equivalent(q("where=a EQ 1&orderby=x"), q("where=NOT NOT a EQ 1&orderby=x asc"))).toBe(true);
    expect(equivalent(where("a EQ 1"), { ...leaf, field: { kind: "Field", path: ["a"], name: "a" } })).toBe(true);
  });

  it("tells different trees apart", () => {
    expect(equivalent(q("a EQ 1"), q("a EQ '1'"))).toBe(false);
    expect(equivalent(q("a EQ 1"), q("NOT a EQ 1"))).toBe(false);
    expect(equivalent(q("a EQ 1 AND b EQ 2"), q("a EQ 1 OR b EQ 2"))).toBe(false);
    expect(equivalent(q("where=a EQ 1&orderby=x"), q("where=a EQ 1&orderby=x desc"))).toBe(false);
    // the form of a Query counts: a bare expression and its where= form are different trees
    expect(equivalent(q("a EQ 1"), q("where=a EQ 1"))).toBe(false);
  });

  it("compares the other properties of trees built in code by value, NaN equal to NaN, an array never equal to an object", () => {
    const limit = (offset: number) => ({ ...q("limit=0,5"), limit: { kind: "Limit", offset, count: 5 } }) as QueryNode;
    expect(equivalent(limit(Number.NaN), limit(Number.NaN))).toBe(true);
    expect(equivalent(limit(Number.NaN), limit(0))).toBe(false);
    expect(equivalent(limit(0), limit(1))).toBe(false);
    expect(equivalent(limit(0), { ...limit(0), limit: { kind: "Limit", offset: "0", count: 5 } } as unknown as QueryNode)).toBe(false);
    const pathAsObject = { ...where("a EQ 1"), field: { kind: "Field", path: { 0: "a" }, name: "a" } } as unknown as Expression;
    expect(equivalent(where("a EQ 1"), pathAsObject)).toBe(false);
  });

  it("holds between a tree and its reshuffles, and is symmetric", () => {
    fc.assert(
      fc.property(messyArb, choiceArb, (e, choice) => {
        const other = shuffle(e, choice);
        expect(equivalent(e, other)).toBe(true);
        expect(equivalent(other, e)).toBe(true);
        expect(equivalent(e, normalize(e))).toBe(true);
      }),
      RUNS,
    );
  });

  it("implies the same meaning", () => {
    fc.assert(
      fc.property(messyArb, messyArb, valuationArb, (a, b, truth) => {
        if (equivalent(a, b)) expect(evaluate(a, truth)).toBe(evaluate(b, truth));
      }),
      RUNS,
    );
  });
});
