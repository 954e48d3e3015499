/**
 * The sort order of `apply`: per key, nulls (missing, null, arrays and objects without an `id`)
 * first, then booleans (`false < true`), then numbers (exactly), then strings (by code point);
 * `desc` reverses all of it, so nulls come last. Ties keep the records' input order.
 * @module
 */
import type { SortKeyNode } from "../syntax/ast.js";
import type { Schema } from "../schema/schema.js";
import { isRecordObject, ownPath, type FieldAccessor } from "./record.js";
import { compareCodePoints, compareDecimals, decimalOf } from "./values.js";

/** A record's value for one sort key, reduced to what sorts: rank then payload. */
interface SortValue {
  /** 0 null, 1 boolean, 2 number, 3 string. */
  readonly rank: 0 | 1 | 2 | 3;
  readonly number?: number;
  readonly decimal?: string;
  readonly text?: string;
  readonly flag?: boolean;
}

const NULL: SortValue = { rank: 0 };
const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);
const hasOwn = Object.prototype.hasOwnProperty;

/** Reads the sort value of one key out of records. @internal */
export function sortReader(key: SortKeyNode, schema: Schema | undefined, accessor: FieldAccessor | undefined): (record: unknown) => SortValue {
  const path = key.field.path;
  const name = key.field.name;
  const numericStrings = NUMERIC_TYPES.has(schema?.field(name)?.type ?? "");
  return (record) => sortValue(accessor ? accessor(record, path, name) : ownPath(record, path), numericStrings);
}

function sortValue(raw: unknown, numericStrings: boolean): SortValue {
  let value = raw;
  // a reference object sorts by its id
  if (isRecordObject(value) && hasOwn.call(value, "id")) value = value.id;
  switch (typeof value) {
    case "boolean":
      return { rank: 1, flag: value };
    case "number":
      return Number.isFinite(value) ? { rank: 2, number: value } : NULL;
    case "bigint":
      return { rank: 2, decimal: String(value) };
    case "string": {
      const decimal = numericStrings ? decimalOf(value, true) : undefined;
      return decimal === undefined ? { rank: 3, text: value } : { rank: 2, decimal };
    }
    default:
      return NULL;
  }
}

/** Ascending comparison of two sort values. @internal */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  switch (a.rank) {
    case 0:
      return 0;
    case 1:
      return a.flag === b.flag ? 0 : a.flag ? 1 : -1;
    case 2:
      if (a.number !== undefined && b.number !== undefined) return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
      return compareDecimals(a.decimal ?? decimalOf(a.number, false)!, b.decimal ?? decimalOf(b.number, false)!);
    case 3:
      return compareCodePoints(a.text!, b.text!);
  }
}
