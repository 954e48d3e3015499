/// <reference types="node" />
/**
 * `vmfilter serve --sqlite` without a working better-sqlite3 (an optional peer dependency): a
 * usage error saying how to install it, or why it did not load. The package is replaced with a
 * module whose default export throws the error a failed import gives.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/cli/command.js";
import { openSqliteStores } from "../../src/serve/sqlite-store.js";

afterEach(() => {
  vi.doUnmock("better-sqlite3");
});

/** The error openSqliteStores rejects with when importing better-sqlite3 throws `thrown`. */
async function failure(thrown: unknown): Promise<unknown> {
  vi.doMock("better-sqlite3", () => ({
    get default(): never {
      throw thrown;
    },
  }));
  return openSqliteStores(":memory:", []).then(
    () => "opened",
    (error: unknown) => error,
  );
}

describe("openSqliteStores without better-sqlite3", () => {
  it.each(["ERR_MODULE_NOT_FOUND", "MODULE_NOT_FOUND"])("not installed (%s): how to install it", async (code) => {
    const error = await failure(Object.assign(new Error("Cannot find package 'better-sqlite3'"), { code }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("--sqlite needs the better-sqlite3 package (12.x), an optional peer dependency of vmfilter: npm install better-sqlite3");
  });

  it("installed but failing to load (a native build for another Node): its message", async () => {
    const error = await failure(Object.assign(new Error("The module was compiled against a different Node.js version"), { code: "ERR_DLOPEN_FAILED" }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--sqlite: better-sqlite3 did not load: .*compiled against a different Node\.js version/);
  });
});
