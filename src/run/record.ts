/**
 * Reading a field path out of a record, as LANGUAGE.md section 5 says: dotted paths walk nested
 * objects, a path through an array reaches every element, and only own properties are read.
 * @module
 */

/** Reads a path out of a record; `compile` and `apply` use {@link ownPath} unless given one. */
export type FieldAccessor = (record: unknown, path: readonly string[], name: string) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** True for objects whose members a path may enter (not arrays, not null). @internal */
export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value at a dotted path, reading own properties only: `undefined` when a member is
 * missing. Arrays on the way are not entered (a filter's comparisons reach into them; sorting does not).
 */
export function ownPath(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (let i = 0; i < path.length; i++) {
    if (!isRecordObject(value) || !hasOwn.call(value, path[i]!)) return undefined;
    value = value[path[i]!];
  }
  return value;
}

/**
 * Every value a path reaches, fanning out over arrays (nested arrays flattened); a missing
 * member gives `undefined`. `out` is cleared first and returned, so a caller can reuse one array.
 * @internal
 */
export function valuesAt(record: unknown, path: readonly string[], out: unknown[]): unknown[] {
  out.length = 0;
  if (isRecordObject(record) && hasOwn.call(record, path[0]!)) reach(record[path[0]!], path, 1, out);
  else out.push(undefined);
  return out;
}

function reach(value: unknown, path: readonly string[], i: number, out: unknown[]): void {
  // Iterative over the path, recursive only into arrays (whose nesting the data decides, so a
  // guard keeps a hostile record from overflowing the stack: deeper arrays count as missing).
  for (;;) {
    if (Array.isArray(value)) {
      for (const element of value) reachElement(element, path, i, out, 1);
      return;
    }
    if (i === path.length) {
      out.push(value);
      return;
    }
    const key = path[i]!;
    if (!isRecordObject(value) || !hasOwn.call(value, key)) {
      out.push(undefined);
      return;
    }
    value = value[key];
    i++;
  }
}

/** How deep arrays inside arrays are followed; deeper elements read as missing. */
const MAX_ARRAY_NESTING = 64;

function reachElement(value: unknown, path: readonly string[], i: number, out: unknown[], nesting: number): void {
  if (Array.isArray(value)) {
    if (nesting >= MAX_ARRAY_NESTING) out.push(undefined);
    else for (const element of value) reachElement(element, path, i, out, nesting + 1);
    return;
  }
  if (i === path.length) out.push(value);
  else reach(value, path, i, out);
}
