/**
 * Conditions (comparisons and IS null) as plain data, and {@link holds}, which reads a condition's
 * field out of a record and tests it. A condition answers a yes/no question, "is my truth
 * `wanted`?", so the logic around it (program.ts) needs no third value: a missing or null field
 * makes a comparison unknown, and unknown is neither true nor false.
 *
 * The common shapes are read and tested in place, with no list built and no allocation per
 * record: a top-level member (`name`), a member of a member (`cluster.name`) and a member of each
 * element of an array (`ip4.ip` on `ip4: [{ ip }]`). Anything else (an accessor, longer paths,
 * nested arrays, arrays at the end of a path) reads every value through record.ts and decides
 * over the list, in a closure made for that condition. Meaning is LANGUAGE.md section 5; only own
 * properties are read.
 * @module
 */
import type { FieldNode } from "../syntax/ast.js";
import { isRecordObject, valuesAt, type FieldAccessor } from "./record.js";
import { NO_TEST, passes, type ValueTest } from "./value-test.js";

/** Three-valued truth: `null` is SQL's unknown. */
type Truth = boolean | null;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * How a condition reads its field: one member of the record, a member of a member (or of each
 * element of an array), or the general way (`Condition.general`); for IS null only a top-level
 * member has a shape of its own. (A `const enum`, so the bundler writes the numbers into the code:
 * a module-level constant would be a variable read on every record.)
 */
const enum Shape {
  Member,
  MemberOfMember,
  General,
  NullMember,
}

/**
 * One condition of a compiled filter: how to read and test it, which truth it is asked for, and
 * (set by the program builder) where to go on each answer. Every condition has the same members,
 * so code reading them sees one object shape.
 * @internal
 */
export class Condition {
  /** Where the program goes when the answer is yes, and when it is no (set by program.ts). */
  yes = 0;
  no = 0;

  constructor(
    /** How the field is read (a `Shape`). */
    readonly shape: number,
    /** The first and second member of the path (for Shape.Member and Shape.MemberOfMember). */
    readonly first: string,
    readonly second: string,
    /** The comparison's test (an unused one for IS null). */
    readonly test: ValueTest,
    /** The truth asked for: true, or false under a NOT. */
    readonly wanted: boolean,
    /** The whole answer, read the general way; also where the shapes above go for arrays. */
    readonly general: (record: unknown) => boolean,
  ) {}
}

/**
 * Whether the condition's truth on the record is the one it is asked for. The record must be a
 * record object (`isRecordObject`): program.ts sends anything else to {@link holdsGenerally}.
 * @internal
 */
export function holds(c: Condition, record: Record<string, unknown>): boolean {
  // the one value the path reaches: `name`, or `cluster.name` (a member of a member)
  let value: unknown;
  switch (c.shape) {
    case Shape.Member:
      if (!hasOwn.call(record, c.first)) return false;
      value = record[c.first];
      break;
    case Shape.MemberOfMember: {
      if (!hasOwn.call(record, c.first)) return false;
      const outer = record[c.first];
      if (typeof outer !== "object" || outer === null) return false;
      if (Array.isArray(outer)) return anyElement(c, outer, record);
      if (!hasOwn.call(outer, c.second)) return false;
      value = (outer as Record<string, unknown>)[c.second];
      break;
    }
    case Shape.NullMember:
      return nullMember(c, record);
    default:
      return c.general(record);
  }
  // an array at the end of the path: any element, the general way
  return Array.isArray(value) ? c.general(record) : answer(c, value);
}

/** The same, read the general way: for records that are not record objects. @internal */
export function holdsGenerally(c: Condition, record: unknown): boolean {
  return c.general(record);
}

/** A comparison: the condition that asks for `wanted` of it. @internal */
export function comparison(field: FieldNode, test: ValueTest, wanted: boolean, accessor: FieldAccessor | undefined): Condition {
  const read = reader(field, accessor);
  const general = (record: unknown) => truthOver(test, read(record)) === wanted;
  const path = field.path;
  const shape = accessor || path.length > 2 ? Shape.General : path.length === 1 ? Shape.Member : Shape.MemberOfMember;
  return new Condition(shape, path[0]!, path[1] ?? "", test, wanted, general);
}

/**
 * `field IS null` (never unknown): true when some reached value is missing or null. An empty
 * array reaches nothing, so it is not null.
 * @internal
 */
export function isNull(field: FieldNode, wanted: boolean, accessor: FieldAccessor | undefined): Condition {
  const read = reader(field, accessor);
  const general = (record: unknown) => {
    const values = read(record);
    for (let i = 0; i < values.length; i++) if (values[i] === null || values[i] === undefined) return wanted;
    return !wanted;
  };
  const shape = accessor || field.path.length !== 1 ? Shape.General : Shape.NullMember;
  return new Condition(shape, field.path[0]!, "", NO_TEST, wanted, general);
}

/**
 * The answer on the one value a path reached (not an array): a reference object compares its
 * `id`; missing or null is unknown, so the answer is no.
 */
function answer(c: Condition, reached: unknown): boolean {
  let value = reached;
  if (c.test.byId && typeof value === "object" && value !== null && hasOwn.call(value, "id")) value = (value as { id: unknown }).id;
  return value !== null && value !== undefined && passes(c.test, value) === c.wanted;
}

/**
 * `ip4.ip` on `ip4: [{ ip }, …]`: true when any element's member is, else unknown when any is
 * missing or null, else false. Anything less plain (nested arrays, objects, a reference's id)
 * goes the general way.
 */
function anyElement(c: Condition, elements: readonly unknown[], record: unknown): boolean {
  let unknown = false;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (typeof element !== "object" || element === null) {
      unknown = true;
      continue;
    }
    if (Array.isArray(element)) return c.general(record);
    if (!hasOwn.call(element, c.second)) {
      unknown = true;
      continue;
    }
    const value = (element as Record<string, unknown>)[c.second];
    if (value === null || value === undefined) unknown = true;
    else if (typeof value === "object") return c.general(record);
    else if (passes(c.test, value)) return c.wanted; // the truth is true
  }
  return unknown ? false : !c.wanted; // unknown, or false
}

/** `name IS null` on one own member; an array goes the general way. */
function nullMember(c: Condition, record: Record<string, unknown>): boolean {
  if (!hasOwn.call(record, c.first)) return c.wanted;
  const value = record[c.first];
  if (value === null || value === undefined) return c.wanted;
  return Array.isArray(value) ? c.general(record) : !c.wanted;
}

/** The comparison's truth on one reached value: unknown when it is missing or null. */
function truthOf(test: ValueTest, value: unknown): Truth {
  if (test.byId && isRecordObject(value) && hasOwn.call(value, "id")) value = value.id;
  if (value === null || value === undefined) return null;
  return passes(test, value);
}

/** The comparison's truth over every reached value: true when any is, else unknown when any is. */
function truthOver(test: ValueTest, values: readonly unknown[]): Truth {
  let unknown = false;
  for (let i = 0; i < values.length; i++) {
    const truth = truthOf(test, values[i]);
    if (truth === true) return true;
    if (truth === null) unknown = true;
  }
  return unknown ? null : false;
}

/** How deep an accessor's arrays inside arrays are followed; deeper elements read as missing. */
const MAX_ARRAY_NESTING = 64;

/** Reads every value of a field: one value in the common case, each element through arrays. */
function reader(field: FieldNode, accessor: FieldAccessor | undefined): (record: unknown) => readonly unknown[] {
  const path = field.path;
  const name = field.name;
  // one list per condition, refilled on each read: nothing allocated per record
  const out: unknown[] = [];
  if (accessor) {
    return (record) => {
      out.length = 0;
      flatten(accessor(record, path, name), out, 0);
      return out;
    };
  }
  return (record) => valuesAt(record, path, out);
}

/** Array elements (nested arrays flattened, to a bounded depth) or the value itself. */
function flatten(value: unknown, out: unknown[], nesting: number): void {
  if (!Array.isArray(value)) out.push(value);
  else if (nesting >= MAX_ARRAY_NESTING) out.push(undefined);
  else for (const element of value) flatten(element, out, nesting + 1);
}
