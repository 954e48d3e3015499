/// <reference types="node" />
/**
 * `vmfilter serve --sqlite` in process: the table layout tableLayout derives from the records (or
 * the schema), and the SQLite store answering lists and records as the in-memory store does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/command.js";
import { parse, schemas } from "../../src/index.js";
import type { Entity } from "../../src/serve/data.js";
import { ID_COLUMN, openSqliteStores, RECORD_COLUMN, tableLayout } from "../../src/serve/sqlite-store.js";
import { MemoryStore, type EntityStore } from "../../src/serve/store.js";
import { makeHosts } from "../fixtures/hosts.js";

let dir: string;
const opened: { close(): void }[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vmfilter-sqlite-store-"));
});
afterAll(() => {
  for (const db of opened.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The SQLite stores of `entities`, in a new file of the temporary folder. */
async function open(entities: readonly Entity[], file = join(dir, `${opened.length}.db`)): Promise<ReadonlyMap<string, EntityStore>> {
  const sqlite = await openSqliteStores(file, entities);
  opened.push(sqlite);
  return sqlite.stores;
}

/** Records without a schema: scalars, a mixed column, objects with and without an id, arrays. */
const THINGS: Entity = {
  path: "x/v1/thing",
  schema: undefined,
  records: [
    { id: 1, name: "alpha", size: 3, ratio: 0.5, on: true, mixed: 1, owner: { id: 7, name: "ann" }, meta: { zone: "eu", level: 2 }, nums: [1, 2.5], ports: [{ port: 22, proto: "tcp" }] },
    { id: 2, name: "beta", size: 1, ratio: 2, on: false, mixed: "one", owner: { id: 8, name: null }, meta: { zone: "us", level: 1.5 }, nums: [3], ports: [{ port: "http" }, null] },
    { id: 3, name: null, ratio: null, on: true, mixed: false, owner: null, meta: {}, nums: [null, 4], ports: [] },
    { id: "x-4", name: "delta", size: 10, extra: "only here" },
  ],
};

describe("tableLayout", () => {
  it("without a schema: a column per top-level member, JSON members and arrays for nested paths, typed where every value agrees", () => {
    const { columns, map } = tableLayout(THINGS);
    expect(columns).toEqual(["id", "name", "size", "ratio", "on", "mixed", "owner", "meta", "nums", "ports", "extra"]);
    expect(map).toEqual({
      id: { column: "id" }, // integers and a string
      name: { column: "name", type: "string" },
      size: { column: "size", type: "integer" },
      ratio: { column: "ratio", type: "number" }, // 0.5 and 2: integers and fractions are numbers
      on: { column: "on", type: "boolean" },
      mixed: { column: "mixed" }, // integer, string and boolean: no type
      owner: { json: "owner", path: "id" }, // a reference: compared with a number, its id
      "owner.id": { json: "owner", path: ["id"], type: "integer" },
      "owner.name": { json: "owner", path: ["name"], type: "string" },
      meta: { json: "meta" },
      "meta.zone": { json: "meta", path: ["zone"], type: "string" },
      "meta.level": { json: "meta", path: ["level"], type: "number" },
      nums: { array: "nums", type: "number" },
      ports: { array: "ports" },
      "ports.port": { array: "ports", member: ["port"] }, // 22 and "http"
      "ports.proto": { array: "ports", member: ["proto"], type: "string" },
      extra: { column: "extra", type: "string" },
    });
  });

  it("with a schema: its top-level fields get a column even when no record has them, and no type is guessed", () => {
    const { columns, map } = tableLayout({ path: "vm/v3/host", schema: schemas.vm.host, records: [{ id: 1, name: "web", cluster: { id: 2, name: "c" } }] });
    expect(columns.slice(0, 3)).toEqual(["id", "name", "cluster"]);
    expect(columns).toContain("state");
    expect(columns.some((c) => c.includes("."))).toBe(false);
    expect([map.id, map.name, map.state, map.cluster, map["cluster.name"]]).toEqual([{ column: "id" }, { column: "name" }, { column: "state" }, { json: "cluster", path: "id" }, { json: "cluster", path: ["name"] }]);
  });

  it("an entity without records still has its id column; members named like the store's own columns are not columns", () => {
    expect(tableLayout({ path: "x/v1/none", schema: undefined, records: [] })).toEqual({ columns: ["id"], map: { id: { column: "id" } } });
    expect(tableLayout({ path: "x/v1/odd", schema: undefined, records: [{ id: 1, [RECORD_COLUMN]: "x", [ID_COLUMN]: 2 }] }).columns).toEqual(["id"]);
  });
});

describe("the SQLite store", () => {
  const hosts = makeHosts(60, 3).sort((a, b) => a.id - b.id);
  const HOSTS: Entity = { path: "vm/v3/host", schema: schemas.vm.host, records: hosts };
  let stores: ReadonlyMap<string, EntityStore>;
  beforeAll(async () => {
    stores = await open([HOSTS, THINGS]);
  });

  it.each([
    "",
    "where=size GE 3",
    "where=ratio LT 1",
    "where=on EQ true&orderby=id desc",
    "where=name CP '%a%'&orderby=name desc",
    "where=owner EQ 8",
    "where=owner.name EQ 'ann'",
    "where=meta.zone NE 'eu'",
    "where=meta.level GT 1",
    "where=nums EQ 4",
    "where=ports.proto EQ 'tcp'",
    "where=name IS null",
    "where=extra IS NOT null",
    "orderby=size desc,name&limit=1,2",
  ])("a schema-less entity: %j gives what the memory store gives", (filter) => {
    const { query } = parse(filter);
    expect(stores.get(THINGS.path)!.list(query)).toEqual(new MemoryStore(THINGS).list(query));
  });

  it("an entity with a schema: pages of a sort give what the memory store gives", () => {
    for (const filter of ["where=state EQ 'active'&orderby=cluster.name desc&limit=0,10", "where=tags EQ 'prod'&orderby=ram_mib,name&limit=5,10", "where=ip4.ip CP '10.0.1.%'"]) {
      const { query } = parse(filter);
      expect(stores.get(HOSTS.path)!.list(query), filter).toEqual(new MemoryStore(HOSTS).list(query));
    }
  });

  it("a field without a column is sql-unmapped-field (the memory store, without a schema, matches nothing)", () => {
    const answer = stores.get(THINGS.path)!.list(parse("where=colour EQ 'red'").query);
    expect("diagnostics" in answer && answer.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([["sql-unmapped-field", "error", 6, 12]]);
    expect(new MemoryStore(THINGS).list(parse("where=colour EQ 'red'").query)).toEqual({ list: [], size: 0 });
  });

  it("a record by the text of its id, as the memory store finds it", async () => {
    const ids = await open([{ path: "x/v1/id", schema: undefined, records: [{ id: -3 }, { id: 7 }, { id: 9_007_199_254_740_991 }, { id: "007" }, { id: "12" }, { id: "-0" }, { id: "a/b" }] }]);
    const memory = new MemoryStore({ path: "x/v1/id", schema: undefined, records: [{ id: -3 }, { id: 7 }, { id: 9_007_199_254_740_991 }, { id: "007" }, { id: "12" }, { id: "-0" }, { id: "a/b" }] });
    const texts = ["-3", "7", "007", "07", "12", "-0", "0", "9007199254740991", "9007199254740992", "a/b", "7.0", ""];
    const found = texts.map((text) => ids.get("x/v1/id")!.get(text)?.id);
    expect(found).toEqual([-3, 7, "007", undefined, "12", "-0", undefined, 9_007_199_254_740_991, undefined, "a/b", undefined, undefined]);
    expect(texts.map((text) => memory.get(text)?.id)).toEqual(found);
  });

  it("gives back each record exactly as loaded (members of no column, nulls, nesting)", () => {
    expect(stores.get(THINGS.path)!.get("x-4")).toEqual(THINGS.records[3]);
    expect(stores.get(THINGS.path)!.get("2")).toEqual(THINGS.records[1]);
  });

  it("a record with members named like the store's own columns is given back as loaded", async () => {
    const odd = { id: 1, [RECORD_COLUMN]: "mine", [ID_COLUMN]: 2 };
    const store = (await open([{ path: "x/v1/odd", schema: undefined, records: [odd] }])).get("x/v1/odd")!;
    expect([store.get("1"), store.get("2"), store.list(parse("").query)]).toEqual([odd, undefined, { list: [odd], size: 1 }]);
  });

  it("an entity without records and without a schema is served: an empty list, no record", async () => {
    const empty = (await open([{ path: "x/v1/none", schema: undefined, records: [] }])).get("x/v1/none")!;
    expect(empty.list(parse("orderby=id desc&limit=0,5").query)).toEqual({ list: [], size: 0 });
    expect(empty.get("1")).toBeUndefined();
  });

  it("each start drops the tables and writes them again", async () => {
    const file = join(dir, "again.db");
    await open([{ path: "x/v1/tag", schema: undefined, records: [{ id: 1, name: "old" }, { id: 2, name: "gone" }] }], file);
    const again = (await open([{ path: "x/v1/tag", schema: undefined, records: [{ id: 1, label: "new" }] }], file)).get("x/v1/tag")!;
    expect(again.list(parse("").query)).toEqual({ list: [{ id: 1, label: "new" }], size: 1 });
  });

  it("a file that cannot be opened is a usage error", async () => {
    const file = join(dir, "no-such-folder", "x.db");
    const error = await openSqliteStores(file, [THINGS]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`Cannot open the SQLite file ${file}: Cannot open database because the directory does not exist`);
  });
});
