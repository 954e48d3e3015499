/// <reference types="node" />
/**
 * The plugin as users load it: its shape (flat config), its options checked by ESLint against the
 * rule's JSON schema, and the BUILT entry (`dist/eslint/index.js`, what `vmfilter/eslint` resolves
 * to) run by ESLint's `ESLint` class, in this process and in a plain Node process importing
 * `vmfilter/eslint` by its package name. `npm test` builds dist/ first; run `npm run build` before
 * running this file alone.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint, Linter } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";
import plugin, { validFilter, type VmfilterPlugin } from "../../src/eslint/index.js";
import { staleSources } from "../helpers/dist.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUILT = join(ROOT, "dist/eslint/index.js");
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

describe("the plugin object", () => {
  it("has the flat-config shape: meta, the rule, a recommended config naming the plugin", () => {
    expect(plugin.meta).toEqual({ name: "vmfilter", version });
    expect(plugin.rules["valid-filter"]).toBe(validFilter);
    expect(plugin.configs.recommended.plugins).toEqual({ vmfilter: plugin });
    expect(plugin.configs.recommended.rules).toEqual({ "vmfilter/valid-filter": "error" });
    expect(validFilter.meta?.fixable).toBe("code");
    expect(validFilter.meta?.hasSuggestions).toBe(true);
  });

  it("lints with the recommended config alone: where templates, no schema", () => {
    const messages = new Linter().verify("const f = where`(name EQ 'web'`;", [plugin.configs.recommended]);
    expect(messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.message])).toEqual([
      ["vmfilter/valid-filter", 2, 1, 31, "Expected ')' after ''web'', found end of input. (missing-close-bracket)"],
    ]);
  });

  it("does what docs/editors.md shows", () => {
    const options = { schema: "vm.host", rules: { "no-mixed-and-or": "error", "keyword-case": "off" }, keys: ["where"], calls: [{ callee: "client.list", argument: 1 }] };
    const config: Linter.Config[] = [plugin.configs.recommended, { rules: { "vmfilter/valid-filter": ["error", options] } }];
    const code = [
      'import { where } from "vmfilter";',
      "where`(name eq ${name})`;",
      'const saved = { where: "(cpu_numbr GT 2)" };',
      'client.list("/vm/v3/host", "where=(id+EQ+1");',
    ].join("\n");
    const linter = new Linter();
    expect(linter.verify(code, config).map((m) => [m.line, m.message])).toEqual([
      [2, "This filter is not in canonical form; canonical: (name EQ ${name})"],
      [3, "Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)"],
      [4, "Expected ')' after '1', found end of input. (missing-close-bracket)"],
    ]);
    expect(linter.verifyAndFix(code, config).output).toBe(code.replace("(name eq ${name})", "(name EQ ${name})").replace("(id+EQ+1\"", "(id+EQ+1)\""));
  });

  it.each([
    [{ schema: "vm.hots" }],
    [{ rules: { "no-such-rule": "error" } }],
    [{ rules: { "keyword-case": "loud" } }],
    [{ calls: [{ callee: "client.list", argument: -1 }] }],
    [{ calls: [{ callee: "client.list" }] }],
    [{ tags: "where" }],
    [{ canonical: "yes" }],
    [{ minSeverity: "fatal" }],
    [{ unknownOption: true }],
  ])("rejects the options %j before linting", (options) => {
    const config = [{ plugins: { vmfilter: plugin }, rules: { "vmfilter/valid-filter": ["error", options] } }] as Linter.Config[];
    expect(() => new Linter().verify("x;", config)).toThrow(/vmfilter\/valid-filter/);
  });
});

/**
 * Fails with a clear message when dist/eslint/index.js is missing or older than a source it was
 * bundled from (src/eslint and the core, as its source maps list them).
 */
async function requireFreshBuild(): Promise<void> {
  const stale = await staleSources(BUILT);
  if (stale.length > 0) throw new Error(`${BUILT} (or a chunk it loads) is older than ${stale.join(", ")}: run \`npm run build\` before this test.`);
}

const CODE = [
  'import { where } from "vmfilter";',
  "",
  "export const byName = (name: string) => where`(name eq ${name}) and (cpu_numbr GT 2)`;",
  'export const saved = { where: "(state EQ \'active\')" };',
  "export const broken = { where: \"(state EQ 'active'\" };",
  "",
].join("\n");

describe("the built entry, run by ESLint", () => {
  let built: VmfilterPlugin;
  beforeAll(async () => {
    await requireFreshBuild();
    built = ((await import(pathToFileURL(BUILT).href)) as { default: VmfilterPlugin }).default;
  });

  function eslint(fix: boolean): ESLint {
    return new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      fix,
      overrideConfig: [
        built.configs.recommended,
        { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
        { rules: { "vmfilter/valid-filter": ["error", { schema: "vm.host", keys: ["where"] }] } },
      ],
    });
  }

  it("reports each problem at its place in the file", async () => {
    expect(built.meta).toEqual({ name: "vmfilter", version });
    const [result] = await eslint(false).lintText(CODE, { filePath: join(ROOT, "src/filters.ts") });
    expect(result!.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message])).toEqual([
      ["vmfilter/valid-filter", 3, 53, 3, 68, "This filter is not in canonical form; canonical: (name EQ ${name}) AND (cpu_numbr GT 2)"],
      ["vmfilter/valid-filter", 3, 70, 3, 79, "Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)"],
      ["vmfilter/valid-filter", 5, 51, 5, 51, "Expected ')' after ''active'', found end of input. (missing-close-bracket)"],
    ]);
    expect(result!.messages[1]!.suggestions?.map((s) => s.desc)).toEqual(["Replace with 'cpu_number'"]);
  });

  it("fixes to canonical form with --fix", async () => {
    const [result] = await eslint(true).lintText(CODE, { filePath: join(ROOT, "src/filters.ts") });
    expect(result!.output).toBe(
      CODE.replace("(name eq ${name}) and", "(name EQ ${name}) AND").replace("{ where: \"(state EQ 'active'\" }", "{ where: \"(state EQ 'active')\" }"),
    );
    expect(result!.messages.map((m) => m.message)).toEqual(["Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)"]);
  });

  it("loads as vmfilter/eslint in a plain Node process (the package's exports map)", () => {
    const script = `
      import vmfilter from "vmfilter/eslint";
      import { ESLint } from "eslint";
      const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [vmfilter.configs.recommended] });
      const [result] = await eslint.lintText("const f = where\`(id EQ \${id}\`;", { filePath: "filters.js" });
      process.stdout.write(JSON.stringify(result.messages.map((m) => [m.ruleId, m.line, m.column, m.message])));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([["vmfilter/valid-filter", 1, 29, "Expected ')' after '${id}', found end of input. (missing-close-bracket)"]]);
  });
});
