/// <reference types="node" />
/**
 * Every regular expression written in the package's sources, read with the TypeScript compiler
 * API (not with a regular expression over the text): RegExp literals, and `RegExp(...)` /
 * `new RegExp(...)` calls. A call whose pattern is a string, or a template whose every
 * substitution is a `const` of this file holding a string literal, is resolved to its text; any
 * other call is dynamic and returned apart, with its location, for the caller to account for.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

/** One regular expression of the sources, with its text resolved. */
export interface SourceRegex {
  /** Repository-relative file and 1-based line. */
  readonly at: string;
  readonly source: string;
  readonly flags: string;
  /** How it is written: a literal or a RegExp call with constant arguments. */
  readonly form: "literal" | "call";
}

/** A RegExp call whose pattern depends on values known only at run time. */
export interface DynamicRegex {
  /** Repository-relative file and 1-based line. */
  readonly at: string;
  /** The call as written. */
  readonly text: string;
}

/** All `.ts` files under `dir`, sorted. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []))
    .sort();
}

/** The string a `const` declared in this file holds, when its initialiser is a string literal. */
function constStrings(file: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableStatement(node) && (node.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      for (const d of node.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && ts.isStringLiteralLike(d.initializer)) out.set(d.name.text, d.initializer.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The text of an argument made of literals and file constants only, else undefined. */
function constantText(node: ts.Expression, constants: ReadonlyMap<string, string>): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isIdentifier(node)) return constants.get(node.text);
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = constantText(span.expression, constants);
      if (part === undefined) return undefined;
      text += part + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = constantText(node.left, constants);
    const right = constantText(node.right, constants);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/** The regular expressions of every `.ts` file under `dir` (paths shown relative to `root`). */
export function collectRegexes(dir: string, root: string): { regexes: SourceRegex[]; dynamic: DynamicRegex[] } {
  const regexes: SourceRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const path of sourceFiles(dir)) {
    const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const constants = constStrings(file);
    const where = (node: ts.Node) => `${relative(root, path).split(sep).join("/")}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(file);
        const slash = text.lastIndexOf("/");
        regexes.push({ at: where(node), source: text.slice(1, slash), flags: text.slice(slash + 1), form: "literal" });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") {
        const [pattern, flags] = node.arguments ?? [];
        const source = pattern === undefined ? "" : constantText(pattern, constants);
        const flagText = flags === undefined ? "" : constantText(flags, constants);
        if (source === undefined || flagText === undefined) dynamic.push({ at: where(node), text: node.getText(file) });
        else regexes.push({ at: where(node), source, flags: flagText, form: "call" });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { regexes, dynamic };
}
