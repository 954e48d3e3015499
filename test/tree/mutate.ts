/** Small damage to the JSON form of trees: the near misses a validator must catch. */
import fc from "fast-check";
import { Kind } from "../../src/index.js";
import { toJSON } from "../../src/tree/index.js";
import { queryArb } from "../helpers/arbitraries.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy of plain JSON data (iterative enough for the small trees used here). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets an own property, even `__proto__` (as JSON.parse does), never touching a prototype. */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every container and key inside a JSON value. */
function places(root: Json): [Json[] | { [key: string]: Json }, string | number][] {
  const out: [Json[] | { [key: string]: Json }, string | number][] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push([value, i]);
        stack.push(item);
      });
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) {
        out.push([value, key]);
        stack.push(value[key]!);
      }
    }
  }
  return out;
}

const NEAR_MISSES: Json[] = [
  null,
  [],
  {},
  "",
  "eq",
  "ASC",
  "Desc",
  "Field",
  "007",
  "-0",
  "1e5",
  "1.50",
  "a.b",
  "1a",
  "where",
  -1,
  1.5,
  0,
  2 ** 53,
  true,
  "x",
  { kind: "Field", path: ["a"], name: "a" },
  { kind: "Number", value: "1" },
  { kind: "IsNull", field: { kind: "Field", path: ["a"], name: "a" } },
  { start: 1, end: 0 },
];

const KEYS = ["__proto__", "constructor", "prototype", "extra", "loc", "raw", "where", "value", "kind", "operands"];

export type Mutation = "replace" | "near-miss" | "delete" | "add" | "rekind";

/** A generated query in JSON form with one random mutation (sometimes none), and the mutation. */
export const mutatedJsonArb: fc.Arbitrary<{ json: unknown; mutation: Mutation }> = fc
  .tuple(
    queryArb,
    fc.nat(),
    fc.constantFrom<Mutation>("replace", "near-miss", "delete", "add", "rekind"),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    fc.constantFrom(...NEAR_MISSES),
    fc.constantFrom(...KEYS),
    fc.constantFrom(...Object.values(Kind)),
  )
  .map(([query, index, mutation, random, nearMiss, key, kind]) => {
    const json = clone(toJSON(query)) as unknown as Json;
    const all = places(json);
    const [container, at] = all[index % all.length]!;
    const target = container as Record<string | number, Json>;
    switch (mutation) {
      case "replace":
        target[at] = clone(random);
        break;
      case "near-miss":
        target[at] = clone(nearMiss);
        break;
      case "delete":
        if (Array.isArray(container)) container.splice(at as number, 1);
        else delete target[at];
        break;
      case "add": {
        const value = target[at];
        const object = value !== null && typeof value === "object" && !Array.isArray(value) ? value : (container as object);
        if (!Array.isArray(object)) defineOwn(object, key, clone(random));
        break;
      }
      case "rekind": {
        const value = target[at];
        if (value !== null && typeof value === "object" && !Array.isArray(value) && "kind" in value) value.kind = kind;
        else target[at] = kind;
        break;
      }
    }
    return { json, mutation };
  });
