/// <reference types="node" />
/**
 * The built output never turns text into code (issue 9): no `eval`, no `Function` constructor,
 * no dynamic `import()` of anything but a string literal naming one of our own chunks or an
 * optional peer. Every `.js` file under dist/ is scanned (test/helpers/code-scan.ts), bundled
 * third-party code (chevrotain, lodash-es) included; the two uses it has are allowed here one by
 * one, with the proof that they never run on data. Needs a build (`npm test` builds first).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/dist.js";
import { scanCode, type CodeFinding, type DynamicImport } from "../helpers/code-scan.js";

/** Packages a dynamic import may name: the optional native peer of `vmfilter serve --sqlite`. */
const PEER_IMPORTS = ["better-sqlite3"];

/**
 * The allowed uses of eval / Function in bundled code: the module, the exact expression, and a
 * check on the syntax tree that the use cannot run on data (or at all).
 */
const ALLOWED: readonly { module: string; text: string; why: string; proof: (node: ts.Node) => boolean }[] = [
  {
    module: "node_modules/lodash-es/_root.js",
    text: 'Function("return this")',
    why: "lodash's global-object fallback: a constant string, evaluated only when neither `global` nor `self` is an object (never in Node or a browser)",
    proof: (node) => {
      // Function("return this")() is the right side of `freeGlobal_default || freeSelf || …`
      const call = node.parent;
      const or = call.parent;
      return ts.isCallExpression(call) && call.expression === node && ts.isBinaryExpression(or) && or.operatorToken.kind === ts.SyntaxKind.BarBarToken && or.left.getText() === "freeGlobal_default || freeSelf";
    },
  },
  {
    module: "node_modules/@chevrotain/utils/lib/src/to-fast-properties.js",
    text: "(0, eval)(toBecomeFast)",
    why: "chevrotain's V8 fast-properties trick: dead code, after an unconditional `if (1) return`",
    proof: (node) => {
      const statement = node.parent;
      if (!ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent)) return false;
      const list = statement.parent.statements;
      const previous = list[list.indexOf(statement) - 1];
      return previous !== undefined && ts.isIfStatement(previous) && previous.expression.getText() === "1" && ts.isReturnStatement(previous.thenStatement) && previous.elseStatement === undefined;
    },
  },
];

const allJs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allJs(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []));
const show = (path: string) => relative(ROOT, path).split(sep).join("/");

let files: string[] = [];
const findings: CodeFinding[] = [];
const imports: DynamicImport[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/index.js"))) throw new Error("dist/index.js is missing: run `npm run build` (npm test does it) before this test.");
  files = allJs(join(ROOT, "dist")).sort();
  for (const path of files) {
    const found = scanCode(show(path), readFileSync(path, "utf8"));
    findings.push(...found.findings);
    imports.push(...found.imports);
  }
});

describe("dist/ runs no text as code", () => {
  it("scans every built file, the bundled chevrotain and lodash-es among them", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    const text = files.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(text).toContain("// node_modules/chevrotain/");
    expect(text).toContain("// node_modules/lodash-es/");
  });

  it("eval and Function appear only where allowed, each proven not to run on data", () => {
    const unexplained = findings.filter((f) => !ALLOWED.some((a) => a.module === f.module && a.text === f.text && a.proof(f.node)));
    expect(unexplained.map((f) => `${f.file}:${f.line} (${f.module}): ${f.text}`)).toEqual([]);
    // each allowance is used exactly once (Chevrotain and lodash-es are in one chunk): a stale entry fails
    for (const a of ALLOWED) expect(findings.filter((f) => f.module === a.module && f.text === a.text), a.why).toHaveLength(1);
  });

  it("every dynamic import() names one of our built files or an optional peer, as a string literal", () => {
    expect(imports.length).toBeGreaterThan(0);
    const bad = imports.filter((i) => {
      if (i.specifier === undefined) return true;
      if (i.specifier.startsWith("./") || i.specifier.startsWith("../")) return !existsSync(resolve(ROOT, dirname(i.file), i.specifier));
      return !PEER_IMPORTS.includes(i.specifier);
    });
    expect(bad.map((i) => `${i.file}:${i.line}: ${i.text}`)).toEqual([]);
  });
});

describe("the scanner", () => {
  it("finds every way to run text, and what module it is in", () => {
    const code = [
      "// src/a.ts",
      "eval(x);",
      "(0, eval)(x);",
      "const e = eval;",
      "new Function('a', body);",
      "Function(body)();",
      "globalThis.eval(x);",
      "self['Function'](x);",
      "window.Function(x);",
      "// node_modules/p/index.js",
      "import(name);",
      "import('./chunk.js');",
      "import(`./${x}.js`);",
    ].join("\n");
    const { findings: found, imports: dynamic } = scanCode("t.js", code);
    expect(found.map((f) => [f.line, f.text])).toEqual([
      [2, "eval(x)"],
      [3, "(0, eval)(x)"],
      [4, "e = eval"],
      [5, "new Function('a', body)"],
      [6, "Function(body)"],
      [7, "globalThis.eval"],
      [8, "self['Function'](x)"],
      [9, "window.Function"],
    ]);
    expect(found[0]!.module).toBe("src/a.ts");
    expect(dynamic.map((i) => [i.module, i.specifier])).toEqual([
      ["node_modules/p/index.js", undefined],
      ["node_modules/p/index.js", "./chunk.js"],
      ["node_modules/p/index.js", undefined],
    ]);
  });

  it("lets reading Function.prototype, instanceof Function and members named eval pass", () => {
    const { findings: found } = scanCode("t.js", "const p = Function.prototype; f instanceof Function; const o = { eval: 1, Function() {} };");
    expect(found).toEqual([]);
  });
});
