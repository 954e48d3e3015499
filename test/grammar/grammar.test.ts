/// <reference types="node" />
/**
 * The grammar artefacts and the construction of the lexer and parser:
 * - grammar/filter.gast.json (committed) is what the parser in src/ serializes to;
 * - the lexer is built with `ensureOptimizations: true` and every token can be optimized;
 * - the parser builds with Chevrotain's grammar validations on;
 * - neither is built when the package is imported, only on first use, and only once.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ISerializedGast } from "chevrotain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FilterParser, getParser } from "../../src/syntax/parser.js";

const GAST_FILE = fileURLToPath(new URL("../../grammar/filter.gast.json", import.meta.url));
const REGENERATE = "grammar/filter.gast.json is out of date with the grammar in src/syntax/ (parser.ts, tokens.ts): run `npm run build && npm run grammar` and commit it";

/** What the Chevrotain internals read below look like at run time (not in its public types). */
interface LexerInternals {
  config: { ensureOptimizations?: boolean; safeMode?: boolean; skipValidations?: boolean };
  canModeBeOptimized: Record<string, boolean>;
  lexerDefinitionErrors: unknown[];
  lexerDefinitionWarning: unknown[];
}
interface ParserInternals {
  skipValidations: boolean;
  definitionErrors: unknown[];
}

afterEach(() => {
  vi.doUnmock("chevrotain");
  vi.resetModules();
  vi.restoreAllMocks();
});

/** Fails the test on anything Chevrotain prints (it reports unoptimizable tokens on the console). */
function watchConsole() {
  const error = vi.spyOn(console, "error");
  const warn = vi.spyOn(console, "warn");
  return () => {
    expect(error.mock.calls, "chevrotain printed an error").toEqual([]);
    expect(warn.mock.calls, "chevrotain printed a warning").toEqual([]);
  };
}

describe("grammar/filter.gast.json", () => {
  it("matches the parser's serialized productions", () => {
    expect(existsSync(GAST_FILE), `${REGENERATE} (the file is missing)`).toBe(true);
    const committed: unknown = JSON.parse(readFileSync(GAST_FILE, "utf8"));
    const current: unknown = JSON.parse(JSON.stringify(getParser().getSerializedGastProductions()));
    expect(current, REGENERATE).toEqual(committed);
  });

  it("names every top-level rule the parse functions use", () => {
    const names = getParser()
      .getSerializedGastProductions()
      .map((rule) => (rule as ISerializedGast & { name?: string }).name);
    expect(names).toEqual(expect.arrayContaining(["whereClause", "orderBy", "limit"]));
  });
});

describe("construction", () => {
  it("builds the lexer with ensureOptimizations: true, every mode optimized, and the patterns valid", async () => {
    vi.resetModules(); // a fresh tokens module, so this test really constructs the lexer
    const { createLexer, getLexer } = await import("../../src/syntax/tokens.js");
    const quiet = watchConsole();
    const lexer = createLexer(true); // with Chevrotain's pattern checks; throws if a token cannot be optimized
    quiet();
    const internals = lexer as unknown as LexerInternals;
    expect(internals.config.ensureOptimizations).toBe(true);
    expect(internals.config.safeMode).not.toBe(true);
    expect(internals.config.skipValidations).toBe(false);
    // the lexer of the process skips the checks this test runs, and is otherwise the same
    const shared = getLexer() as unknown as LexerInternals;
    expect(shared.config).toEqual({ ...internals.config, skipValidations: true });
    expect(internals.lexerDefinitionErrors).toEqual([]);
    expect(internals.lexerDefinitionWarning).toEqual([]);
    expect(Object.keys(internals.canModeBeOptimized).length).toBeGreaterThan(0);
    expect(Object.values(internals.canModeBeOptimized).every((ok) => ok)).toBe(true);
    const lexed = lexer.tokenize("(id EQ 1) AND (name CP '%web%')");
    expect(lexed.errors).toEqual([]);
    expect(lexed.tokens.map((t) => t.image)).toEqual(["(", "id", "EQ", "1", ")", "AND", "(", "name", "CP", "'%web%'", ")"]);
  });

  it("builds the parser with grammar validations on without a definition error", () => {
    const quiet = watchConsole();
    let parser: FilterParser | undefined;
    expect(() => {
      parser = new FilterParser(true); // performSelfAnalysis() throws on any grammar definition error
    }).not.toThrow();
    quiet();
    const internals = parser as unknown as ParserInternals;
    expect(internals.skipValidations).toBe(false);
    expect(internals.definitionErrors).toEqual([]);
    // the parser of the process skips them (they cost a third of its construction)
    expect((getParser() as unknown as ParserInternals).skipValidations).toBe(true);
  });

  it("builds neither lexer nor parser when the package is imported, and each once on first use", async () => {
    const built = { lexers: 0, parsers: 0 };
    vi.resetModules();
    vi.doMock("chevrotain", async (importOriginal) => {
      const chevrotain = await importOriginal<typeof import("chevrotain")>();
      class CountingLexer extends chevrotain.Lexer {
        constructor(...args: ConstructorParameters<typeof chevrotain.Lexer>) {
          super(...args);
          built.lexers++;
        }
      }
      class CountingParser extends chevrotain.EmbeddedActionsParser {
        constructor(...args: ConstructorParameters<typeof chevrotain.EmbeddedActionsParser>) {
          super(...args);
          built.parsers++;
        }
      }
      return { ...chevrotain, Lexer: CountingLexer, EmbeddedActionsParser: CountingParser };
    });

    const pkg = await import("../../src/index.js");
    const tokens = await import("../../src/syntax/tokens.js");
    const parser = await import("../../src/syntax/parser.js");
    expect(built, "importing the package must not build the lexer or the parser").toEqual({ lexers: 0, parsers: 0 });

    // The counters are live: a first valid parse builds the lexer and the parser without error
    // recovery (this also proves the mock is in effect)...
    const first = pkg.parse("where=(id EQ 1)&orderby=name desc&limit=0,10");
    expect(first.diagnostics).toEqual([]);
    expect(built).toEqual({ lexers: 1, parsers: 1 });
    expect(parser.getParser("fast")).toBe(parser.getParser("fast"));
    expect(built).toEqual({ lexers: 1, parsers: 1 });

    // ...the first syntax error builds the parser with recovery, which reports every error...
    expect(pkg.parseWhere("(id EQ 1) (id EQ 2)").diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["unexpected-token", 10, 11]]);
    expect(built).toEqual({ lexers: 1, parsers: 2 });

    // ...and each is built once per process.
    pkg.parseWhere("(name CP '%web%') AND NOT (state EQ 'active')");
    pkg.parseWhere("id EQ 1)");
    pkg.parseOrderBy("id asc");
    pkg.parseLimit("0,50");
    expect(tokens.getLexer()).toBe(tokens.getLexer());
    expect(parser.getParser()).toBe(parser.getParser("recovering"));
    expect(parser.getParser("fast")).not.toBe(parser.getParser("recovering"));
    expect(built).toEqual({ lexers: 1, parsers: 2 });
  });
});
