/// <reference types="node" />
/**
 * `vmfilter serve`'s files read in process: `--data` (loadEntities: an array for --schema, or an
 * object of list paths; records sorted by id; every malformed file a UsageError saying what is
 * wrong) and `--users` (loadUsers).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/command.js";
import { schemas } from "../../src/index.js";
import { loadEntities, schemaPath } from "../../src/serve/data.js";
import { DEFAULT_USER, loadUsers } from "../../src/serve/users.js";

let dir: string;
let count = 0;
/** Writes `content` (JSON unless a string) to a new file of the temporary folder; returns its path. */
function file(content: unknown): string {
  const path = join(dir, `f${++count}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}
/** The UsageError message `run` throws. */
function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("no UsageError");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vmfilter-serve-data-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadEntities", () => {
  it("serves an array at the path of --schema, with the schema, sorted by id: numbers first, then strings in code-unit order", () => {
    const [entity, ...rest] = loadEntities(file([{ id: "b" }, { id: 10 }, { id: "B" }, { id: 2 }, { id: "a" }, { id: -1 }]), "vm.host");
    expect(rest).toEqual([]);
    expect(entity!.path).toBe("vm/v3/host");
    expect(entity!.schema).toBe(schemas.vm.host);
    expect(entity!.records.map((r) => r.id)).toEqual([-1, 2, 10, "B", "a", "b"]);
  });

  it("reads an object of list paths, with or without slashes around them; only the path --schema names gets the schema", () => {
    const entities = loadEntities(file({ "/vm/v3/host/": [{ id: 2 }, { id: 1 }], "dci/v3/server": [], "//vm/v3/cluster": [{ id: "x" }] }), "vm.host");
    expect(entities.map((e) => [e.path, e.records.map((r) => r.id), e.schema?.name])).toEqual([
      ["vm/v3/host", [1, 2], "vm.host"],
      ["dci/v3/server", [], undefined],
      ["vm/v3/cluster", ["x"], undefined],
    ]);
    expect(loadEntities(file({ "vm/v3/host": [] }), undefined)[0]!.schema).toBeUndefined();
  });

  it("schemaPath: a built-in schema's name as its list path", () => {
    expect([schemaPath("vm.host"), schemaPath("dci.server")]).toEqual(["vm/v3/host", "dci/v3/server"]);
  });

  it.each([
    ["an unknown schema", [{ id: 1 }], "vm.nope", /^Unknown schema "vm\.nope"\. Built-in schemas: .*vm\.host/],
    ["an array without --schema", [{ id: 1 }], undefined, /holds an array: say which entity it is with --schema/],
    ["a number", 42, undefined, /must hold an array of records or an object \{ "vm\/v3\/host": \[ … \], … \}\.$/],
    ["null", null, "vm.host", /must hold an array of records or an object/],
    ["an empty object", {}, undefined, /names no entity\.$/],
    ["a key that is not a list path", { "vm/host": [] }, undefined, /: "vm\/host" is not a list path like "vm\/v3\/host" \(<service>\/<version>\/<entity>\)\.$/],
    ["a key of slashes only", { "///": [] }, undefined, /: "\/\/\/" is not a list path/],
    ["a list path that is not an array", { "vm/v3/host": { id: 1 } }, undefined, /: "vm\/v3\/host" must be an array of records\.$/],
    ["a record that is not an object", [{ id: 1 }, [2]], "vm.host", /\[1\] is not a JSON object\.$/],
    ["a null record", [null], "vm.host", /\[0\] is not a JSON object\.$/],
    ["a record without an id", [{ name: "x" }], "vm.host", /\[0\] has no id \(a whole number or a string\)\.$/],
    ["a fractional id", [{ id: 1.5 }], "vm.host", /\[0\] has no id/],
    ["an id used twice", [{ id: 1 }, { id: 2 }, { id: 1 }], "vm.host", /\[2\]: the id 1 is used twice\.$/],
    ["a schema for a path the file does not hold", { "vm/v3/cluster": [] }, "vm.host", /^--schema vm\.host is for \/vm\/v3\/host, which .* does not hold\.$/],
  ])("%s is a usage error", (_name, content, schema, message) => {
    expect(usageError(() => loadEntities(file(content), schema))).toMatch(message);
  });

  it("an id given as a number and as a string names the same record (GET …/7): a usage error", () => {
    expect(usageError(() => loadEntities(file([{ id: 7 }, { id: "7" }]), "vm.host"))).toMatch(/\[1\]: the id "7" is used twice\.$/);
  });

  it("a missing or malformed file is a usage error with the reader's message", () => {
    const missing = join(dir, "missing.json");
    expect(usageError(() => loadEntities(missing, "vm.host"))).toMatch(new RegExp(`^Cannot read the data file ${missing}: ENOENT`));
    expect(usageError(() => loadEntities(file("[{"), "vm.host"))).toMatch(/^Cannot read the data file .*: .*JSON/);
  });
});

describe("loadUsers", () => {
  it("without --users: the one default user, admin@example.com / admin", () => {
    expect(loadUsers(undefined)).toEqual([DEFAULT_USER]);
    expect(DEFAULT_USER).toEqual({ id: 1, email: "admin@example.com", password: "admin" });
  });

  it("gives the users ids in order from 1 and keeps only email and password", () => {
    expect(loadUsers(file([{ email: "a@x", password: "" }, { email: "b@x", password: "p", role: "admin" }]))).toEqual([
      { id: 1, email: "a@x", password: "" },
      { id: 2, email: "b@x", password: "p" },
    ]);
  });

  it.each([
    ["an object", { email: "a@x", password: "p" }, /must hold a non-empty array of \{ "email": …, "password": … \}\.$/],
    ["an empty array", [], /must hold a non-empty array/],
    ["a user that is not an object", [{ email: "a@x", password: "p" }, "b@x"], /\[1\] must be \{ "email": "…", "password": "…" \}\.$/],
    ["a null user", [null], /\[0\] must be \{ "email"/],
    ["an empty email", [{ email: "", password: "p" }], /\[0\] must be/],
    ["a number as password", [{ email: "a@x", password: 1234 }], /\[0\] must be/],
    ["no password", [{ email: "a@x" }], /\[0\] must be/],
  ])("%s is a usage error", (_name, content, message) => {
    expect(usageError(() => loadUsers(file(content)))).toMatch(message);
  });

  it("a missing or malformed file is a usage error with the reader's message", () => {
    expect(usageError(() => loadUsers(join(dir, "nobody.json")))).toMatch(/^Cannot read the users file .*nobody\.json: ENOENT/);
    expect(usageError(() => loadUsers(file("not json")))).toMatch(/^Cannot read the users file .*: .*JSON/);
  });
});
