import { defineConfig } from "vitest/config";

/**
 * The print modules and the lexer/parser modules must stay fully covered by lines (issue 9):
 * each of these files has its own 100 % lines threshold.
 */
const fullyCoveredByLines = [
  "src/syntax/tokens.ts",
  "src/syntax/parser.ts",
  "src/syntax/tree-builder.ts",
  "src/syntax/url.ts",
  "src/syntax/parse.ts",
  "src/print/canonicalize.ts",
  "src/print/encode.ts",
  "src/print/format.ts",
  "src/print/write-expression.ts",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // need a database server: `npm run test:db` (vitest.db.config.ts)
    exclude: ["test/db/**", "test/browser/**", "**/node_modules/**"],
    testTimeout: 30_000,
    // `npm test` passes --coverage (so that single-file runs such as test:sql-long are not held to
    // the whole-suite thresholds); see docs/quality.md for the figures.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: [
        // Types only: no code to run.
        "src/globals.d.ts",
        // The CLI runs in child processes: test/cli, test/lsp and test/serve spawn the built
        // dist/cli/main.js as a user would, and v8 coverage only sees the vitest process itself.
        "src/cli/**",
        // The language server's transport and the `serve` command's entry run only inside those
        // spawned processes (test/lsp/server.test.ts, test/serve/serve-cli.test.ts).
        "src/lsp/server.ts",
        "src/lsp/connect.ts",
        "src/lsp/command.ts",
        "src/serve/command.ts",
        "src/serve/start.ts",
        // CodeMirror glue needs a DOM: test/browser runs it in Chromium (npm run test:browser).
        "src/codemirror/**",
      ],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
      thresholds: {
        // Measured 99.85 % branches / 99.88 % lines on 2026-11-29 (issue 9 asks for 95 % branches;
        // docs/quality.md lists the 8 uncovered branches and why). A drop below fails `npm test`.
        branches: 99.5,
        lines: 99.5,
        ...Object.fromEntries(fullyCoveredByLines.map((file) => [file, { lines: 100 }])),
      },
    },
  },
});
