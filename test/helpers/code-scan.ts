/**
 * Finds the ways JavaScript can run text as code, in a built file, by walking its syntax tree
 * (TypeScript's parser in JavaScript mode, not a regular expression over the text): `eval` and
 * `Function` used in any way but reading `Function.prototype` or testing `instanceof Function`
 * (called, constructed, passed around as `(0, eval)`, read as `globalThis.eval` or
 * `self["Function"]`), and every dynamic `import()` with its argument. Each finding names the
 * bundled module it sits in, from the `// node_modules/…` or `// src/…` comment esbuild writes
 * before each module's code.
 */
import ts from "typescript";

/** One use of `eval` or `Function`. */
export interface CodeFinding {
  readonly file: string;
  readonly line: number;
  /** The bundled module it comes from (`node_modules/lodash-es/_root.js`), or "" when unknown. */
  readonly module: string;
  /** The smallest expression around the use that shows it (the call, the comma expression…). */
  readonly text: string;
  readonly node: ts.Node;
}

/** One dynamic `import()`. */
export interface DynamicImport {
  readonly file: string;
  readonly line: number;
  readonly module: string;
  /** The argument's text when it is a plain string literal, else undefined. */
  readonly specifier: string | undefined;
  readonly text: string;
}

const NAMES = new Set(["eval", "Function"]);

/** The module comment esbuild wrote last before `position`. */
function moduleAt(text: string, position: number): string {
  const lines = `\n${text}`; // so a comment on the first line is found too
  const start = Math.max(lines.lastIndexOf("\n// node_modules/", position + 1), lines.lastIndexOf("\n// src/", position + 1));
  if (start < 0) return "";
  const end = lines.indexOf("\n", start + 1);
  return lines.slice(start + "\n// ".length, end < 0 ? lines.length : end).trim();
}

/** Whether a reference to `eval`/`Function` only reads `Function.prototype` or tests `instanceof Function`. */
function harmless(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return node.text === "Function" && parent.name.text === "prototype";
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && parent.right === node) return true;
  return false;
}

/** The expression to show for a use: the call or `new` around it, else its parent. */
function context(node: ts.Node): ts.Node {
  let at: ts.Node = node;
  while (ts.isParenthesizedExpression(at.parent) || (ts.isBinaryExpression(at.parent) && at.parent.operatorToken.kind === ts.SyntaxKind.CommaToken)) at = at.parent;
  if ((ts.isCallExpression(at.parent) || ts.isNewExpression(at.parent)) && at.parent.expression === at) return at.parent;
  return at === node ? node.parent : at;
}

/** Every risky use of `eval` / `Function` and every dynamic `import()` in one JavaScript file. */
export function scanCode(file: string, text: string): { findings: CodeFinding[]; imports: DynamicImport[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const findings: CodeFinding[] = [];
  const imports: DynamicImport[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    let risky = false;
    if (ts.isIdentifier(node) && NAMES.has(node.text)) {
      const parent = node.parent;
      // a key or method named eval declares a name; a read of `x.eval` / `globalThis.Function` counts
      const declaresName = (ts.isPropertyAssignment(parent) && parent.name === node) || (ts.isMethodDeclaration(parent) && parent.name === node);
      risky = !declaresName && !harmless(node);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && NAMES.has(node.argumentExpression.text)) {
      risky = true;
    }
    if (risky) {
      const shown = context(node);
      findings.push({ file, line: lineOf(node), module: moduleAt(text, node.getStart(source)), text: shown.getText(source), node: shown });
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const argument = node.arguments[0];
      const specifier = argument !== undefined && node.arguments.length === 1 && ts.isStringLiteral(argument) ? argument.text : undefined;
      imports.push({ file, line: lineOf(node), module: moduleAt(text, node.getStart(source)), specifier, text: node.getText(source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { findings, imports };
}
