/**
 * Where the rule finds filters (src/eslint/targets.ts): the dotted names of tags and callees and
 * the names of property keys, read structurally from espree's trees, and from loose or malformed
 * nodes (another parser's, a hand-made one) without throwing.
 */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { dottedName, keyName, plainFilterNode } from "../../src/eslint/targets.js";

/** The callee of the first call expression of `code`, as espree parses it. */
function calleeOf(code: string): unknown {
  let callee: unknown;
  const linter = new Linter();
  linter.verify(code, [
    {
      languageOptions: { ecmaVersion: "latest", sourceType: "module" },
      plugins: { spy: { rules: { callee: { create: () => ({ CallExpression: (node) => void (callee ??= node.callee) }) } } } },
      rules: { "spy/callee": "error" },
    },
  ]);
  return callee;
}

describe("dottedName", () => {
  it("spells callees as written: members, this, super, private names, optional chains, string subscripts", () => {
    expect(dottedName(calleeOf("a.b.c();"))).toBe("a.b.c");
    expect(dottedName(calleeOf("this.api.list();"))).toBe("this.api.list");
    expect(dottedName(calleeOf("class A extends B { m() { super.list(); } }"))).toBe("super.list");
    expect(dottedName(calleeOf("class A { #api; m() { this.#api.list(); } }"))).toBe("this.#api.list");
    expect(dottedName(calleeOf("api?.list();"))).toBe("api.list");
    expect(dottedName(calleeOf("(api?.list)();"))).toBe("api.list"); // the callee is the chain itself
    expect(dottedName(calleeOf("api['list']();"))).toBe("api.list");
  });

  it("is undefined for a call's result, a computed member with a variable or a number, and other expressions", () => {
    expect(dottedName(calleeOf("f().list();"))).toBeUndefined();
    expect(dottedName(calleeOf("api[k]();"))).toBeUndefined();
    expect(dottedName(calleeOf("api[0]();"))).toBeUndefined();
    expect(dottedName(calleeOf("(a || b)();"))).toBeUndefined();
  });

  it("reads loose nodes without throwing: a name that is no string, a member without a property node", () => {
    expect(dottedName({ type: "Identifier", name: 5 })).toBeUndefined();
    expect(dottedName({ type: "MemberExpression", object: { type: "Identifier", name: "a" }, property: "b", computed: false })).toBeUndefined();
    expect(dottedName(null)).toBeUndefined();
  });

  it("gives up on members nested deeper than 50 levels (no unbounded recursion)", () => {
    const chain = (depth: number): unknown => {
      let node: unknown = { type: "Identifier", name: "a" };
      for (let i = 0; i < depth; i++) node = { type: "MemberExpression", object: node, property: { type: "Identifier", name: "b" }, computed: false };
      return node;
    };
    expect(dottedName(chain(50))).toBe(`a${".b".repeat(50)}`);
    expect(dottedName(chain(51))).toBeUndefined();
  });
});

describe("keyName", () => {
  it("names identifiers, string and number literals, and a computed template without ${}", () => {
    expect(keyName({ key: { type: "Identifier", name: "where" }, computed: false })).toBe("where");
    expect(keyName({ key: { type: "Literal", value: 5 }, computed: false })).toBe("5");
    expect(keyName({ key: { type: "TemplateLiteral", quasis: [{ value: { cooked: "where" } }] }, computed: true })).toBe("where");
  });

  it("is undefined for a computed identifier, a template with ${}, a cooked value that is no string, and no key node", () => {
    expect(keyName({ key: { type: "Identifier", name: "where" }, computed: true })).toBeUndefined();
    expect(keyName({ key: { type: "TemplateLiteral", quasis: [{ value: { cooked: "wh" } }, { value: { cooked: "" } }] }, computed: true })).toBeUndefined();
    expect(keyName({ key: { type: "TemplateLiteral", quasis: [{ value: { cooked: null } }] }, computed: true })).toBeUndefined();
    expect(keyName({ key: "where" })).toBeUndefined();
  });
});

describe("plainFilterNode", () => {
  it("takes a string literal or a template without ${}, through TypeScript wrappers; nothing else", () => {
    const literal = { type: "Literal", value: "(id EQ 1)", range: [0, 11] };
    expect(plainFilterNode({ type: "TSAsExpression", expression: { type: "TSNonNullExpression", expression: literal } })).toBe(literal);
    expect(plainFilterNode({ type: "TemplateLiteral", expressions: [{}], quasis: [], range: [0, 1] })).toBeUndefined();
    expect(plainFilterNode({ type: "Literal", value: 5, range: [0, 1] })).toBeUndefined();
    expect(plainFilterNode({ type: "Literal", value: "x" })).toBeUndefined(); // no range
  });
});
