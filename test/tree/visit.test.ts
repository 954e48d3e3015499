import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format, parse, parseWhere, type Expression, type Node, type QueryNode } from "../../src/index.js";
import { BREAK, transform, visit } from "../../src/tree/index.js";
import { expressionArb, queryArb } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";
import { DEEP, leaf, notChain, unwrapNots } from "./deep.js";

const RUNS = { numRuns: 1000 };

function where(text: string): Expression {
  const { where, diagnostics } = parseWhere(text);
  expect(diagnostics).toEqual([]);
  return where!;
}

function query(text: string): QueryNode {
  const { query, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return query;
}

/** A short label per node, to check visiting order. */
function label(node: Node): string {
  switch (node.kind) {
    case "Field":
      return node.name;
    case "String":
    case "Number":
    case "Boolean":
      return String(node.value);
    case "Comparison":
      return node.operator;
    case "Parameter":
      return `?${node.name}`;
    case "SortKey":
      return node.direction;
    default:
      return node.kind;
  }
}

describe("visit", () => {
  const kitchenSink = query("where=(a EQ 1) AND NOT (b IS null OR c CP '%x%')&orderby=d desc,e&limit=0,5&x=1&y");

  it("enters and leaves every node in the documented child order", () => {
    const events: string[] = [];
    visit(kitchenSink, {
      enter: (node) => void events.push(`>${label(node)}`),
      leave: (node) => void events.push(`<${label(node)}`),
    });
    expect(events.join(" ")).toBe(
      [
        ">Query",
        ">And >EQ >a <a >1 <1 <EQ",
        ">Not >Or >IsNull >b <b <IsNull >CP >c <c >%x% <%x% <CP <Or <Not <And",
        ">OrderBy >desc >d <d <desc >asc >e <e <asc <OrderBy",
        ">Limit <Limit >?x <?x >?y <?y",
        "<Query",
      ].join(" "),
    );
  });

  it("calls per-kind functions and { enter, leave } with the parent", () => {
    const seen: string[] = [];
    visit(kitchenSink, {
      Field: (node, parent) => void seen.push(`${node.name} in ${parent?.kind}`),
      Not: {
        enter: (node, parent) => void seen.push(`enter Not(${node.operand.kind}) in ${parent?.kind}`),
        leave: (node) => void seen.push(`leave Not(${node.operand.kind})`),
      },
      Query: (node, parent) => void seen.push(`Query ${node.form} parent ${String(parent)}`),
    });
    expect(seen).toEqual([
      "Query url parent undefined",
      "a in Comparison",
      "enter Not(Or) in And",
      "b in IsNull",
      "c in Comparison",
      "leave Not(Or)",
      "d in SortKey",
      "e in SortKey",
    ]);
  });

  it("runs the generic enter before the kind's, the kind's leave before the generic one", () => {
    const events: string[] = [];
    visit(where("a EQ 1"), {
      enter: (node) => void events.push(`enter ${node.kind}`),
      leave: (node) => void events.push(`leave ${node.kind}`),
      Comparison: { enter: () => void events.push("enter kind"), leave: () => void events.push("leave kind") },
    });
    expect(events.slice(0, 2)).toEqual(["enter Comparison", "enter kind"]);
    expect(events.slice(-2)).toEqual(["leave kind", "leave Comparison"]);
  });

  it("skips the children of a node whose enter returns false, still leaving it", () => {
    const events: string[] = [];
    visit(where("(a EQ 1) AND NOT (b EQ 2) AND (c EQ 3)"), {
      enter: (node) => void events.push(label(node)),
      Not: { enter: () => false, leave: () => void events.push("left Not") },
    });
    expect(events).toEqual(["And", "EQ", "a", "1", "Not", "left Not", "EQ", "c", "3"]);
  });

  it("stops at BREAK, from enter or from leave", () => {
    const entered: string[] = [];
    const finished = visit(where("(a EQ 1) AND (b EQ 2) AND (c EQ 3)"), {
      Field: (node) => {
        entered.push(node.name);
        return node.name === "b" ? BREAK : undefined;
      },
    });
    expect(finished).toBe(false);
    expect(entered).toEqual(["a", "b"]);

    const left: string[] = [];
    expect(visit(where("(a EQ 1) OR (b EQ 2)"), { leave: (node) => (left.push(label(node)), node.kind === "Comparison" ? BREAK : undefined) })).toBe(false);
    expect(left).toEqual(["a", "1", "EQ"]);
    expect(visit(where("a EQ 1"), () => undefined)).toBe(true);
  });

  it("stops at BREAK from a kind's leave and from the generic enter; a generic enter returning false skips the children", () => {
    const left: string[] = [];
    expect(visit(where("(a EQ 1) OR (b EQ 2)"), { leave: (node) => void left.push(label(node)), Comparison: { leave: () => BREAK } })).toBe(false);
    // the kind's leave runs first and stops the walk before the generic leave of the same node
    expect(left).toEqual(["a", "1"]);
    const entered: string[] = [];
    expect(visit(where("(a EQ 1) OR (b EQ 2)"), (node) => (entered.push(label(node)), node.kind === "Number" ? BREAK : undefined))).toBe(false);
    expect(entered).toEqual(["Or", "EQ", "a", "1"]);
    const seen: string[] = [];
    expect(visit(where("NOT (a EQ 1) AND (b EQ 2)"), { enter: (node) => (seen.push(label(node)), node.kind === "Not" ? false : undefined) })).toBe(true);
    expect(seen).toEqual(["And", "Not", "EQ", "b", "2"]);
  });

  it("takes a plain function as a generic enter", () => {
    let count = 0;
    visit(kitchenSink, () => void count++);
    expect(count).toBe(20);
  });

  it("walks a 100 000-deep NOT chain built in code", () => {
    let nots = 0;
    let deepest = 0;
    let depth = 0;
    const finished = visit(notChain(DEEP), {
      enter: () => void (depth++, (deepest = Math.max(deepest, depth))),
      leave: () => void depth--,
      Not: () => void nots++,
    });
    expect(finished).toBe(true);
    expect(nots).toBe(DEEP);
    expect(deepest).toBe(DEEP + 2);
  });

  it("visits each node of generated queries once, parents before children", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const seen = new Set<Node>();
        let count = 0;
        visit(q, (node, parent) => {
          if (parent !== undefined) expect(seen.has(parent)).toBe(true);
          seen.add(node);
          count++;
        });
        expect(count).toBe(countNodes(q));
      }),
      RUNS,
    );
  });
});

/** Counts nodes through own properties (independent of visit's child table). */
function countNodes(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === "object") {
      if ("kind" in value) count++;
      for (const [key, child] of Object.entries(value)) if (key !== "loc") stack.push(child);
    }
  }
  return count;
}

describe("transform", () => {
  it("returns the same object when the function changes nothing", () => {
    const q = query("where=(a EQ 1) AND NOT (b IS null)&orderby=c&limit=1,2&z=1");
    expect(transform(q, (node) => node)).toBe(q);
    expect(transform(q, () => undefined)).toBe(q);
  });

  it("identity keeps identity on generated queries", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        expect(transform(q, (node) => node)).toBe(q);
      }),
      RUNS,
    );
  });

  it("copies on write: only the path to a change is new", () => {
    const q = query("where=(a EQ 1) AND (b EQ 2) AND NOT (c EQ 3)&orderby=d");
    const before = JSON.stringify(q);
    const out = transform(q, (node) => (node.kind === "Field" && node.name === "b" ? { kind: "Field", path: ["bb"], name: "bb" } : node)) as QueryNode;
    expect(format(out)).toBe("where=(a EQ 1) AND (bb EQ 2) AND NOT (c EQ 3)&orderby=d asc");
    expect(JSON.stringify(q)).toBe(before);
    const [a, b, notC] = (out.where as Extract<Expression, { kind: "And" }>).operands;
    const [a0, b0, notC0] = (q.where as Extract<Expression, { kind: "And" }>).operands;
    expect(a).toBe(a0);
    expect(b).not.toBe(b0);
    expect(notC).toBe(notC0);
    expect(out.orderBy).toBe(q.orderBy);
    expect(out.where!.loc).toEqual(q.where!.loc);
  });

  it("rewrites bottom-up: the function sees rewritten children", () => {
    const seen: string[] = [];
    const out = transform(where("(a EQ 1) OR (b EQ 2)"), (node) => {
      seen.push(format(node));
      if (node.kind === "Number") return { kind: "Number", value: String(Number(node.value) * 10) };
      return node;
    });
    expect(seen).toEqual(["a", "1", "(a EQ 10)", "b", "2", "(b EQ 20)", "(a EQ 10) OR (b EQ 20)"]);
    expect(format(out!)).toBe("(a EQ 10) OR (b EQ 20)");
  });

  const dropB = (node: Node) => (node.kind === "Comparison" && node.field.name === "b" ? null : node);

  it("deletes And/Or operands, collapsing a group left with one operand", () => {
    expect(format(transform(where("(a EQ 1) AND (b EQ 2) AND (c EQ 3)"), dropB)!)).toBe("(a EQ 1) AND (c EQ 3)");
    expect(format(transform(where("(a EQ 1) AND ((b EQ 2) OR (b EQ 3))"), dropB)!)).toBe("(a EQ 1)");
    expect(format(transform(where("(a EQ 1) OR ((b EQ 2) AND (c EQ 3))"), dropB)!)).toBe("(a EQ 1) OR (c EQ 3)");
    expect(transform(where("(b EQ 1) OR (b EQ 2)"), dropB)).toBeNull();
  });

  it("does not pass a collapsed group to the function", () => {
    const seen: string[] = [];
    transform(where("(a EQ 1) AND (b EQ 2)"), (node) => {
      seen.push(node.kind);
      return dropB(node);
    });
    expect(seen).toEqual(["Field", "Number", "Comparison", "Field", "Number", "Comparison"]);
  });

  it("deletes a Not with its operand, and the parts a node cannot lose", () => {
    expect(format(transform(where("(a EQ 1) AND NOT (b EQ 2)"), dropB)!)).toBe("(a EQ 1)");
    expect(transform(where("NOT NOT (b EQ 2)"), dropB)).toBeNull();
    const noStrings = (node: Node) => (node.kind === "String" ? null : node);
    expect(format(transform(where("(a EQ 'x') OR (b EQ 1) OR (c IS null)"), noStrings)!)).toBe("(b EQ 1) OR (c IS null)");
    const noFieldC = (node: Node) => (node.kind === "Field" && node.name === "c" ? null : node);
    expect(format(transform(query("where=(a EQ 1) OR (c IS null)&orderby=c,d"), noFieldC)!)).toBe("where=(a EQ 1)&orderby=d asc");
    expect(format(transform(query("where=c EQ 1&orderby=c&x=1"), noFieldC)!)).toBe("x=1");
  });

  it("drops a Query's where, orderBy, limit and parameters when deleted", () => {
    const q = query("where=a EQ 1&orderby=b&limit=0,1&x=1&y=2");
    const out = transform(q, (node) => (node.kind === "Limit" || (node.kind === "Parameter" && node.name === "x") || node.kind === "Comparison" ? null : node)) as QueryNode;
    expect(format(out)).toBe("orderby=b asc&y=2");
    expect("where" in out).toBe(false);
    expect("limit" in out).toBe(false);
    expect(transform(q, (node) => (node.kind === "Query" ? null : node))).toBeNull();
  });

  it("rebuilds ORDERBY keys and a Query without WHERE when a sort field is renamed or deleted", () => {
    const rename = (node: Node) => (node.kind === "Field" && node.name === "c" ? { ...node, path: ["cc"], name: "cc" } : node);
    expect(format(transform(query("orderby=c desc,d&limit=0,5"), rename)!)).toBe("orderby=cc desc,d asc&limit=0,5");
    const noFieldC = (node: Node) => (node.kind === "Field" && node.name === "c" ? null : node);
    expect(format(transform(query("orderby=c,d"), noFieldC)!)).toBe("orderby=d asc");
  });

  it("throws a TypeError when a replacement does not fit its place", () => {
    const field = { kind: "Field", path: ["x"], name: "x" } as const;
    expect(() => transform(where("(a EQ 1) AND (b EQ 2)"), (node) => (node.kind === "Comparison" ? field : node))).toThrow(TypeError);
    expect(() => transform(where("a EQ 1"), (node) => (node.kind === "Number" ? field : node))).toThrow(/value of a Comparison must be a literal/);
    expect(() => transform(where("a EQ 1"), (node) => (node.kind === "Number" ? (5 as unknown as Node) : node))).toThrow(
      new TypeError("transform: the value of a Comparison must be a literal (String, Number or Boolean); the function returned number."),
    );
    // the root may become anything
    expect(transform(where("a EQ 1"), (node) => (node.kind === "Comparison" ? field : node))).toBe(field);
  });

  it("does not mutate generated trees and rebuilds equal trees", () => {
    fc.assert(
      fc.property(expressionArb, (e) => {
        const before = JSON.stringify(e);
        const copy = transform(e, (node) => ({ ...node }) as Node);
        expect(JSON.stringify(e)).toBe(before);
        expect(copy).not.toBe(e);
        expect(strip(copy)).toEqual(strip(e));
      }),
      RUNS,
    );
  });

  it("rewrites a 100 000-deep NOT chain built in code", () => {
    const deep = notChain(DEEP);
    expect(transform(deep, (node) => node)).toBe(deep);
    const renamed = transform(deep, (node) => (node.kind === "Field" ? { ...node, path: ["x"], name: "x" } : node)) as Expression;
    const { nots, inner } = unwrapNots(renamed);
    expect(nots).toBe(DEEP);
    expect(inner.kind === "Comparison" && inner.field.name).toBe("x");
    expect(transform(deep, (node) => (node === leaf ? null : node))).toBeNull();
  });
});
