/**
 * The JSON form of trees, for saved searches: {@link toJSON} and {@link fromJSON}.
 *
 * The form is versioned: `{ "vmfilter": 1, "node": <node> }`, where the node is the tree as plain
 * JSON, exactly as the AST types describe it (numbers as decimal strings, no `loc` or `raw` unless
 * asked for). `schema/vmfilter-tree.schema.json` in the package is its JSON Schema.
 * @module
 */
import { CompareOperators, Kind, SortDirections, type Node } from "../syntax/ast.js";
import type { Diagnostic } from "../syntax/diagnostics.js";
import { isNormalNumber } from "../syntax/numbers.js";
import { decodeName } from "../syntax/url.js";
import { SLOT_WORDS as SLOTS_IN_TREES } from "./visit.js";

/** The version of the JSON form this code writes and reads. */
export const TREE_JSON_VERSION = 1;

/**
 * The JSON form of a tree. `node` has the shape of the AST node (without `loc` and `raw` unless
 * written with `keepLocations`).
 */
export interface TreeJson<N extends Node = Node> {
  readonly vmfilter: typeof TREE_JSON_VERSION;
  readonly node: N;
}

/** Options of {@link toJSON}. */
export interface ToJsonOptions {
  /** Keep each node's `loc` and each literal's `raw` (default `false`: the tree alone). */
  readonly keepLocations?: boolean;
}

/** Options of {@link fromJSON}. */
export interface FromJsonOptions {
  /**
   * The most expression nodes (And, Or, Not, Comparison, IsNull) allowed on one path down from the
   * top; deeper input gives `json-too-deep`. Default {@link DEFAULT_JSON_MAX_DEPTH}, far more than
   * any tree `parse` makes. `Infinity` lifts the limit: `fromJSON` itself is iterative, but
   * recursive consumers such as `format` run out of stack on trees thousands of levels deep.
   */
  readonly maxDepth?: number;
}

/** Default of {@link FromJsonOptions.maxDepth}. */
export const DEFAULT_JSON_MAX_DEPTH = 1000;

/** The result of {@link fromJSON}: the node when the input was valid, and every problem found. */
export interface FromJsonResult {
  /** The tree, or `undefined` when there is any diagnostic. */
  readonly node: Node | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * The stable diagnostic codes of {@link fromJSON}. Every message starts with the JSON path of the
 * problem (`node.where.operands[2].operator: …`). Codes never change meaning; new ones may be added.
 */
export const JsonCodes = {
  /** A string input that is not JSON. */
  SyntaxError: "json-syntax-error",
  /** `vmfilter` is not a version this code reads (it reads 1). */
  InvalidVersion: "json-invalid-version",
  /** A `kind` that names no node kind. */
  UnknownKind: "json-unknown-kind",
  /** A node kind where it cannot stand (a Field as an AND operand). */
  UnexpectedKind: "json-unexpected-kind",
  /** A required property is missing. */
  MissingProperty: "json-missing-property",
  /** A property the node does not have. */
  ExtraProperty: "json-extra-property",
  /** `__proto__`, `constructor` or `prototype` as a key: rejected, never copied. */
  ForbiddenProperty: "json-forbidden-property",
  /** A value of the wrong JSON type (a number where a string belongs, an array where an object belongs). */
  WrongType: "json-wrong-type",
  /** A value of the right type that is not allowed (an unknown operator, a negative limit). */
  InvalidValue: "json-invalid-value",
  /** Expressions nest deeper than `maxDepth`. */
  TooDeep: "json-too-deep",
  /** A value that could not be read (a getter or proxy that threw), or an object met twice (a cycle). */
  Unreadable: "json-unreadable",
} as const;

/** A {@link fromJSON} diagnostic code. */
export type JsonCode = (typeof JsonCodes)[keyof typeof JsonCodes];

/** At most this many diagnostics are reported; the walk stops there. */
const MAX_DIAGNOSTICS = 100;

// ---------------------------------------------------------------------------------------------
// The vocabulary of the JSON form. The schema test compares schema/vmfilter-tree.schema.json with
// these tables, so the two cannot drift apart.

/** The slots a node can stand in, and the kinds each accepts. */
export const JSON_SLOTS = {
  node: Object.values(Kind) as readonly Kind[],
  expression: ["And", "Or", "Not", "Comparison", "IsNull"],
  field: ["Field"],
  literal: ["String", "Number", "Boolean"],
  orderBy: ["OrderBy"],
  limit: ["Limit"],
  parameter: ["Parameter"],
  sortKey: ["SortKey"],
} as const satisfies Record<string, readonly Kind[]>;
type Slot = keyof typeof JSON_SLOTS;

/** Each kind's properties in the JSON form, in the order `toJSON` writes them (`kind` first, `loc` last). */
export const JSON_PROPERTIES: Record<Kind, { readonly required: readonly string[]; readonly optional: readonly string[] }> = {
  Query: { required: ["kind", "form", "parameters"], optional: ["where", "orderBy", "limit", "loc"] },
  And: { required: ["kind", "operands"], optional: ["loc"] },
  Or: { required: ["kind", "operands"], optional: ["loc"] },
  Not: { required: ["kind", "operand"], optional: ["loc"] },
  Comparison: { required: ["kind", "field", "operator", "value"], optional: ["loc"] },
  IsNull: { required: ["kind", "field"], optional: ["loc"] },
  Field: { required: ["kind", "path", "name"], optional: ["loc"] },
  String: { required: ["kind", "value"], optional: ["raw", "loc"] },
  Number: { required: ["kind", "value"], optional: ["raw", "loc"] },
  Boolean: { required: ["kind", "value"], optional: ["raw", "loc"] },
  OrderBy: { required: ["kind", "keys"], optional: ["loc"] },
  SortKey: { required: ["kind", "field", "direction"], optional: ["loc"] },
  Limit: { required: ["kind", "offset", "count"], optional: ["loc"] },
  Parameter: { required: ["kind", "name"], optional: ["value", "loc"] },
};

/** The values of a Query's `form`. */
export const QUERY_FORMS = ["url", "expression"] as const;

/** Keys never accepted and never copied, whatever the node. */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** One segment of a field path: ASCII letters, digits and `_`, not starting with a digit. */
export const FIELD_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Parameters the Query holds in `where`, `orderBy` and `limit`, never in `parameters`. */
const KNOWN_PARAMETERS = new Set(["where", "orderby", "limit"]);

// ---------------------------------------------------------------------------------------------
// toJSON

type Out = Record<string, unknown>;

/**
 * The JSON form of a tree: `{ vmfilter: 1, node }`, the node as fresh plain objects built key by
 * key (nothing of the input is shared, nothing but the AST's own properties is copied). Without
 * `keepLocations`, `loc` and `raw` are left out. Iterative: safe at any depth (but note that
 * `JSON.stringify` itself overflows the stack on trees some thousands of levels deep).
 */
export function toJSON<N extends Node>(node: N, options?: ToJsonOptions): TreeJson<N> {
  const keep = options?.keepLocations === true;
  const root: Out = {};
  const stack: [Node, Out][] = [[node, root]];
  const child = (n: Node): Out => {
    const out: Out = {};
    stack.push([n, out]);
    return out;
  };
  while (stack.length > 0) {
    const [n, out] = stack.pop()!;
    out.kind = n.kind;
    switch (n.kind) {
      case "Query":
        out.form = n.form;
        if (n.where) out.where = child(n.where);
        if (n.orderBy) out.orderBy = child(n.orderBy);
        if (n.limit) out.limit = child(n.limit);
        out.parameters = n.parameters.map(child);
        break;
      case "And":
      case "Or":
        out.operands = n.operands.map(child);
        break;
      case "Not":
        out.operand = child(n.operand);
        break;
      case "Comparison":
        out.field = child(n.field);
        out.operator = n.operator;
        out.value = child(n.value);
        break;
      case "IsNull":
        out.field = child(n.field);
        break;
      case "Field":
        out.path = n.path.slice();
        out.name = n.name;
        break;
      case "String":
      case "Number":
      case "Boolean":
        out.value = n.value;
        if (keep && n.raw !== undefined) out.raw = n.raw;
        break;
      case "OrderBy":
        out.keys = n.keys.map(child);
        break;
      case "SortKey":
        out.field = child(n.field);
        out.direction = n.direction;
        break;
      case "Limit":
        out.offset = n.offset;
        out.count = n.count;
        break;
      case "Parameter":
        out.name = n.name;
        if (n.value !== undefined) out.value = n.value;
        break;
      default:
        throw new TypeError(`toJSON: not a vmfilter node (kind ${String((n as { kind?: unknown }).kind)})`);
    }
    if (keep && n.loc) out.loc = { start: n.loc.start, end: n.loc.end };
  }
  return { vmfilter: TREE_JSON_VERSION, node: root as unknown as N };
}

// ---------------------------------------------------------------------------------------------
// fromJSON

/** A JSON path as a linked list, so that deep paths cost nothing until a message needs one. */
interface Path {
  readonly parent: Path | undefined;
  readonly segment: string | number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Paths longer than this many segments are shown with their middle elided. */
const MAX_PATH_SEGMENTS = 60;

function pathText(path: Path | undefined): string {
  const segments: (string | number)[] = [];
  for (let p = path; p !== undefined; p = p.parent) segments.push(p.segment);
  segments.reverse();
  const piece = (segment: string | number, first: boolean) =>
    typeof segment === "number" ? `[${segment}]` : IDENTIFIER.test(segment) ? (first ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`;
  if (segments.length === 0) return "(top level)";
  if (segments.length <= MAX_PATH_SEGMENTS) return segments.map((s, i) => piece(s, i === 0)).join("");
  const head = segments.slice(0, 20).map((s, i) => piece(s, i === 0)).join("");
  const tail = segments.slice(-30).map((s) => piece(s, false)).join("");
  return `${head}…(${segments.length - 50} more)…${tail}`;
}

/** A short description of a value for messages: `an array`, `the number 5`, `the string "eq"`. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value)}`;
    case "number":
      return `the number ${Number.isFinite(value) ? JSON.stringify(value) : String(value)}`;
    case "boolean":
      return String(value);
    case "undefined":
      return "undefined";
    case "bigint":
      return "a bigint";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      return isPlainObject(value) ? "an object" : "an object that is not plain data (its prototype is not Object.prototype)";
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isPlainObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  // Object.prototype of this realm or another (a realm's Object.prototype has a null prototype)
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function isPlainArray(value: unknown): value is unknown[] {
  if (!Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto !== null && Array.isArray(proto);
}

/** Stops the walk when too many diagnostics were found. */
class TooMany extends Error {}

/** One value to check and where its result goes. */
interface Task {
  readonly value: unknown;
  readonly path: Path;
  readonly slot: Slot;
  /** Expression nodes above this one. */
  readonly depth: number;
  readonly target: Record<string | number, unknown>;
  readonly key: string | number;
}

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<object>();
  private reportedTooDeep = false;
  readonly tasks: Task[] = [];
  /** The children of the node being checked, in document order, until it is done. */
  private readonly pending: Task[] = [];

  constructor(private readonly maxDepth: number) {}

  report(code: JsonCode, path: Path | undefined, text: string): void {
    this.diagnostics.push(jsonDiagnostic(code, `${pathText(path)}: ${text}`));
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) throw new TooMany();
  }

  /** Marks an object as met; false (and a diagnostic) when it was met before. */
  private firstVisit(value: object, path: Path): boolean {
    if (this.seen.has(value)) {
      this.report(JsonCodes.Unreadable, path, "the same object appears twice (a cycle or a shared reference); JSON has neither.");
      return false;
    }
    this.seen.add(value);
    return true;
  }

  /**
   * The own data properties of a plain object, reporting forbidden and unknown keys; undefined
   * when an allowed key is an accessor (reported; the object is not looked at further).
   */
  private properties(value: object, path: Path, allowed: ReadonlySet<string>, what: string): Map<string, unknown> | undefined {
    const out = new Map<string, unknown>();
    let readable = true;
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === "symbol") {
        this.report(JsonCodes.ExtraProperty, path, `${what} has a symbol key ${String(key.description)}; JSON has none.`);
        continue;
      }
      const at: Path = { parent: path, segment: key };
      if (FORBIDDEN_KEYS.includes(key)) {
        this.report(JsonCodes.ForbiddenProperty, at, `'${key}' is never accepted as a key.`);
        continue;
      }
      if (!allowed.has(key)) {
        this.report(JsonCodes.ExtraProperty, at, `${what} has no property '${key}'${allowedList(allowed)}.`);
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if (!("value" in descriptor)) {
        this.report(JsonCodes.WrongType, at, "is an accessor property, not a plain value.");
        readable = false;
        continue;
      }
      if (descriptor.value !== undefined) out.set(key, descriptor.value);
    }
    return readable ? out : undefined;
  }

  /** The items of a plain array, or undefined (and a diagnostic) when the value is not one. */
  private items(value: unknown, path: Path, what: string): unknown[] | undefined {
    if (!isPlainArray(value)) {
      this.report(JsonCodes.WrongType, path, `expected ${what} (an array), found ${describe(value)}.`);
      return undefined;
    }
    if (!this.firstVisit(value, path)) return undefined;
    const length = value.length;
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor === undefined || !("value" in descriptor)) {
        this.report(JsonCodes.WrongType, { parent: path, segment: i }, descriptor === undefined ? "is a hole in the array." : "is an accessor property, not a plain value.");
        continue;
      }
      out.push(descriptor.value);
    }
    return out.length === length ? out : undefined;
  }

  private string(value: unknown, path: Path, what: string): string | undefined {
    if (typeof value !== "string") {
      this.report(JsonCodes.WrongType, path, `expected ${what} (a string), found ${describe(value)}.`);
      return undefined;
    }
    if (LONE_SURROGATE.test(value)) {
      this.report(JsonCodes.InvalidValue, path, "holds a lone UTF-16 surrogate; it is not text.");
      return undefined;
    }
    return value;
  }

  private oneOf<T extends string>(value: unknown, path: Path, choices: readonly T[], what: string): T | undefined {
    if (typeof value !== "string") {
      this.report(JsonCodes.WrongType, path, `expected ${what} (a string), found ${describe(value)}.`);
      return undefined;
    }
    if ((choices as readonly string[]).includes(value)) return value as T;
    const hint = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    this.report(
      JsonCodes.InvalidValue,
      path,
      `${describe(value)} is not ${what}; expected one of ${choices.join(", ")}${hint === undefined ? "" : ` (write '${hint}')`}.`,
    );
    return undefined;
  }

  private count(value: unknown, path: Path, what: string): number | undefined {
    if (typeof value !== "number") {
      this.report(JsonCodes.WrongType, path, `expected ${what} (a number), found ${describe(value)}.`);
      return undefined;
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      this.report(JsonCodes.InvalidValue, path, `${describe(value)} is not a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`);
      return undefined;
    }
    return value === 0 ? 0 : value; // no -0
  }

  private location(value: unknown, path: Path): { start: number; end: number } | undefined {
    if (!isPlainObject(value)) {
      this.report(JsonCodes.WrongType, path, `expected a location {"start", "end"} (an object), found ${describe(value)}.`);
      return undefined;
    }
    if (!this.firstVisit(value, path)) return undefined;
    const props = this.properties(value, path, LOCATION_KEYS, "A location");
    if (props === undefined) return undefined;
    const start = props.get("start");
    const end = props.get("end");
    if (start === undefined) this.report(JsonCodes.MissingProperty, path, "a location needs 'start'.");
    if (end === undefined) this.report(JsonCodes.MissingProperty, path, "a location needs 'end'.");
    if (start === undefined || end === undefined) return undefined;
    const s = this.count(start, { parent: path, segment: "start" }, "an offset");
    const e = this.count(end, { parent: path, segment: "end" }, "an offset");
    if (s === undefined || e === undefined) return undefined;
    if (e < s) {
      this.report(JsonCodes.InvalidValue, path, `the location ends (${e}) before it starts (${s}).`);
      return undefined;
    }
    return { start: s, end: e };
  }

  /** Queues a child node for checking; its result is written to `target[key]`. */
  private queue(value: unknown, parent: Path, segment: string | number, slot: Slot, depth: number, target: Out | unknown[], key: string | number): void {
    this.pending.push({ value, path: { parent, segment }, slot, depth, target: target as Record<string | number, unknown>, key });
  }

  /** Checks one node and builds its copy, queueing its children. */
  node(task: Task): void {
    const { value, path, slot } = task;
    const expected = SLOT_WORDS[slot];
    if (!isPlainObject(value)) {
      this.report(JsonCodes.WrongType, path, `expected ${expected} (an object), found ${describe(value)}.`);
      return;
    }
    if (!this.firstVisit(value, path)) return;
    const kindDescriptor = Object.getOwnPropertyDescriptor(value, "kind");
    const kindPath: Path = { parent: path, segment: "kind" };
    if (kindDescriptor !== undefined && !("value" in kindDescriptor)) {
      this.report(JsonCodes.WrongType, kindPath, "is an accessor property, not a plain value.");
      return;
    }
    const kind: unknown = kindDescriptor?.value;
    if (kind === undefined) {
      this.report(JsonCodes.MissingProperty, path, `expected ${expected}, but the object has no 'kind'.`);
      return;
    }
    if (typeof kind !== "string") {
      this.report(JsonCodes.WrongType, kindPath, `expected a node kind (a string), found ${describe(kind)}.`);
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(KIND_SET, kind)) {
      this.report(JsonCodes.UnknownKind, kindPath, `${describe(kind)} is not a node kind; expected one of ${JSON_SLOTS[slot].join(", ")}.`);
      return;
    }
    const k = kind as Kind;
    if (!(JSON_SLOTS[slot] as readonly string[]).includes(k)) {
      this.report(JsonCodes.UnexpectedKind, kindPath, `${article(k)} ${k} cannot stand here; expected ${expected}.`);
      return;
    }
    const isExpression = (JSON_SLOTS.expression as readonly string[]).includes(k);
    const depth = isExpression ? task.depth + 1 : task.depth;
    if (depth > this.maxDepth) {
      if (!this.reportedTooDeep) {
        this.reportedTooDeep = true;
        this.report(JsonCodes.TooDeep, path, `expressions nest deeper than ${this.maxDepth} levels (maxDepth).`);
      }
      return;
    }
    const props = this.properties(value, path, ALLOWED_KEYS[k], `${capitalArticle(k)} ${k}`);
    if (props === undefined) return;
    let complete = true;
    for (const name of JSON_PROPERTIES[k].required) {
      if (!props.has(name)) {
        this.report(JsonCodes.MissingProperty, path, `${article(k)} ${k} needs '${name}'.`);
        complete = false;
      }
    }
    if (!complete) return;
    const out: Out = { kind: k };
    task.target[task.key] = out;
    const at = (segment: string): Path => ({ parent: path, segment });
    const get = (name: string): unknown => props.get(name);
    switch (k) {
      case "Query": {
        const form = this.oneOf(get("form"), at("form"), QUERY_FORMS, "a query form");
        if (form !== undefined) out.form = form;
        if (props.has("where")) this.queue(get("where"), path, "where", "expression", depth, out, "where");
        if (props.has("orderBy")) this.queue(get("orderBy"), path, "orderBy", "orderBy", depth, out, "orderBy");
        if (props.has("limit")) this.queue(get("limit"), path, "limit", "limit", depth, out, "limit");
        const parameters = this.items(get("parameters"), at("parameters"), "a list of parameters");
        if (parameters !== undefined) {
          const list: unknown[] = new Array<unknown>(parameters.length);
          out.parameters = list;
          for (let i = 0; i < parameters.length; i++) this.queue(parameters[i], at("parameters"), i, "parameter", depth, list, i);
        }
        break;
      }
      case "And":
      case "Or": {
        const operands = this.items(get("operands"), at("operands"), "a list of operands");
        if (operands === undefined) break;
        if (operands.length < 2) {
          this.report(JsonCodes.InvalidValue, at("operands"), `${article(k)} ${k} needs at least 2 operands, found ${operands.length}.`);
          break;
        }
        const list: unknown[] = new Array<unknown>(operands.length);
        out.operands = list;
        for (let i = 0; i < operands.length; i++) this.queue(operands[i], at("operands"), i, "expression", depth, list, i);
        break;
      }
      case "Not":
        this.queue(get("operand"), path, "operand", "expression", depth, out, "operand");
        break;
      case "Comparison":
        this.queue(get("field"), path, "field", "field", depth, out, "field");
        {
          const operator = this.oneOf(get("operator"), at("operator"), CompareOperators, "a comparison operator");
          if (operator !== undefined) out.operator = operator;
        }
        this.queue(get("value"), path, "value", "literal", depth, out, "value");
        break;
      case "IsNull":
      case "SortKey":
        this.queue(get("field"), path, "field", "field", depth, out, "field");
        if (k === "SortKey") {
          const direction = this.oneOf(get("direction"), at("direction"), SortDirections, "a sort direction");
          if (direction !== undefined) out.direction = direction;
        }
        break;
      case "OrderBy": {
        const keys = this.items(get("keys"), at("keys"), "a list of sort keys");
        if (keys === undefined) break;
        if (keys.length < 1) {
          this.report(JsonCodes.InvalidValue, at("keys"), "an OrderBy needs at least 1 sort key, found 0.");
          break;
        }
        const list: unknown[] = new Array<unknown>(keys.length);
        out.keys = list;
        for (let i = 0; i < keys.length; i++) this.queue(keys[i], at("keys"), i, "sortKey", depth, list, i);
        break;
      }
      case "Field":
        this.field(get("path"), get("name"), path, out);
        break;
      case "String": {
        const text = this.string(get("value"), at("value"), "the text");
        if (text !== undefined) out.value = text;
        break;
      }
      case "Number": {
        const number = get("value");
        if (typeof number !== "string") {
          this.report(JsonCodes.WrongType, at("value"), `expected a number as decimal text (a string such as "1.5"), found ${describe(number)}.`);
        } else if (!isNormalNumber(number)) {
          this.report(JsonCodes.InvalidValue, at("value"), `${describe(number)} is not a number in normal decimal form ([-]digits[.digits], no leading or trailing zeros, no -0).`);
        } else out.value = number;
        break;
      }
      case "Boolean": {
        const flag = get("value");
        if (typeof flag !== "boolean") this.report(JsonCodes.WrongType, at("value"), `expected true or false, found ${describe(flag)}.`);
        else out.value = flag;
        break;
      }
      case "Limit": {
        const offset = this.count(get("offset"), at("offset"), "the offset");
        const count = this.count(get("count"), at("count"), "the count");
        if (offset !== undefined) out.offset = offset;
        if (count !== undefined) out.count = count;
        break;
      }
      case "Parameter":
        this.parameter(get("name"), get("value"), path, out);
        break;
    }
    if (props.has("raw")) {
      const raw = this.string(get("raw"), at("raw"), "the text as written");
      if (raw !== undefined) out.raw = raw;
    }
    if (props.has("loc")) {
      const loc = this.location(get("loc"), at("loc"));
      if (loc !== undefined) out.loc = loc;
    }
    // children run last-in first-out: pushed in reverse, they are checked (and reported) in order
    for (let i = this.pending.length - 1; i >= 0; i--) this.tasks.push(this.pending[i]!);
    this.pending.length = 0;
  }

  private field(pathValue: unknown, nameValue: unknown, path: Path, out: Out): void {
    const segments = this.items(pathValue, { parent: path, segment: "path" }, "the field path");
    const name = this.string(nameValue, { parent: path, segment: "name" }, "the field name");
    if (segments === undefined || name === undefined) return;
    if (segments.length === 0) {
      this.report(JsonCodes.InvalidValue, { parent: path, segment: "path" }, "a field path needs at least 1 segment, found 0.");
      return;
    }
    const copy: string[] = [];
    for (let i = 0; i < segments.length; i++) {
      const at: Path = { parent: { parent: path, segment: "path" }, segment: i };
      const segment = this.string(segments[i], at, "a field name segment");
      if (segment === undefined) return;
      if (!FIELD_SEGMENT.test(segment)) {
        this.report(JsonCodes.InvalidValue, at, `${describe(segment)} is not a field name segment (ASCII letters, digits and '_', not starting with a digit).`);
        return;
      }
      copy.push(segment);
    }
    const joined = copy.join(".");
    if (name !== joined) {
      this.report(JsonCodes.InvalidValue, { parent: path, segment: "name" }, `the name ${JSON.stringify(name)} is not the path joined by '.' (${JSON.stringify(joined)}).`);
      return;
    }
    out.path = copy;
    out.name = name;
  }

  private parameter(nameValue: unknown, value: unknown, path: Path, out: Out): void {
    const name = this.string(nameValue, { parent: path, segment: "name" }, "the parameter name");
    if (name !== undefined) {
      if (/[&=#]/.test(name)) {
        this.report(JsonCodes.InvalidValue, { parent: path, segment: "name" }, `the parameter name ${JSON.stringify(name)} holds '&', '=' or '#', which would split it.`);
      } else if (KNOWN_PARAMETERS.has(decodeName(name).toLowerCase())) {
        this.report(JsonCodes.InvalidValue, { parent: path, segment: "name" }, `'${name}' is a known parameter; it belongs in the Query's where, orderBy or limit.`);
      } else out.name = name;
    }
    if (value === undefined) return;
    const text = this.string(value, { parent: path, segment: "value" }, "the parameter value");
    if (text === undefined) return;
    if (/[&#]/.test(text)) {
      this.report(JsonCodes.InvalidValue, { parent: path, segment: "value" }, "the parameter value holds '&' or '#', which would split it.");
      return;
    }
    out.value = text;
  }
}

const SLOT_WORDS: Record<Slot, string> = { node: "a node", ...SLOTS_IN_TREES };

const KIND_SET: Readonly<Record<string, true>> = Object.freeze(Object.assign(Object.create(null) as Record<string, true>, Object.fromEntries(Object.values(Kind).map((k) => [k, true]))));

const ALLOWED_KEYS = Object.fromEntries(
  Object.entries(JSON_PROPERTIES).map(([kind, { required, optional }]) => [kind, new Set([...required, ...optional])]),
) as unknown as Record<Kind, ReadonlySet<string>>;
const LOCATION_KEYS: ReadonlySet<string> = new Set(["start", "end"]);
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(["vmfilter", "node"]);

/** `a` or `an` before a kind name. */
function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? "an" : "a";
}

function capitalArticle(kind: string): string {
  return article(kind) === "an" ? "An" : "A";
}

function allowedList(allowed: ReadonlySet<string>): string {
  return `; it has ${[...allowed].map((k) => `'${k}'`).join(", ")}`;
}

function jsonDiagnostic(code: JsonCode, message: string): Diagnostic {
  return { code, severity: "error", message, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * Reads the JSON form back into a tree, checking everything: the version, every node's kind and
 * properties (required ones present, no others, right types), operators, directions, numbers in
 * normal decimal form, limits as whole numbers ≥ 0, field names, depth. `__proto__`,
 * `constructor` and `prototype` keys are rejected, and the tree is built afresh key by key, so
 * nothing of the input but its checked values reaches it.
 *
 * Takes the parsed value or the JSON text. Never throws, whatever it is given: problems come back
 * as diagnostics (codes in {@link JsonCodes}, at most 100), each message starting with the JSON
 * path (`node.where.operands[2].operator: …`); being about JSON, not filter text, they all stand at
 * offset 0, line 1, column 1. `node` is `undefined` when there is any. `loc` and `raw`, when
 * present and well-formed, are kept. Groups nested in a group of the same kind are accepted as
 * they are (`normalize` flattens them). Iterative: safe at any depth.
 */
export function fromJSON(value: unknown, options?: FromJsonOptions): FromJsonResult {
  const requested = options?.maxDepth;
  const maxDepth = typeof requested === "number" && !Number.isNaN(requested) ? Math.max(1, requested) : DEFAULT_JSON_MAX_DEPTH;
  const reader = new Reader(maxDepth);
  let input = value;
  if (typeof input === "string") {
    try {
      input = JSON.parse(input) as unknown;
    } catch (error) {
      // JSON.parse of a string throws only SyntaxError
      return { node: undefined, diagnostics: [jsonDiagnostic(JsonCodes.SyntaxError, `(top level): the text is not JSON: ${(error as SyntaxError).message}`)] };
    }
  }
  const holder: Record<string, unknown> = {};
  try {
    readEnvelope(reader, input, holder);
    while (reader.tasks.length > 0) reader.node(reader.tasks.pop()!);
  } catch (error) {
    if (!(error instanceof TooMany)) {
      const reason = error instanceof Error ? error.message : "an exception";
      reader.diagnostics.push(jsonDiagnostic(JsonCodes.Unreadable, `(top level): the value could not be read (${reason}).`));
    }
  }
  const diagnostics = reader.diagnostics;
  return { node: diagnostics.length === 0 ? (holder.node as Node) : undefined, diagnostics };
}

function readEnvelope(reader: Reader, input: unknown, holder: Record<string, unknown>): void {
  if (!isPlainObject(input)) {
    reader.report(JsonCodes.WrongType, undefined, `expected {"vmfilter": 1, "node": …} (an object), found ${describe(input)}.`);
    return;
  }
  const versionDescriptor = Object.getOwnPropertyDescriptor(input, "vmfilter");
  if (versionDescriptor === undefined) {
    reader.report(JsonCodes.MissingProperty, undefined, `expected {"vmfilter": 1, "node": …}, but there is no 'vmfilter' version.`);
    return;
  }
  const version: unknown = "value" in versionDescriptor ? versionDescriptor.value : undefined;
  if (version !== TREE_JSON_VERSION) {
    reader.report(
      JsonCodes.InvalidVersion,
      { parent: undefined, segment: "vmfilter" },
      `version ${describe(version)} is not one this vmfilter reads; it reads version ${TREE_JSON_VERSION}.`,
    );
    return;
  }
  for (const key of Reflect.ownKeys(input)) {
    if (typeof key === "symbol") {
      reader.report(JsonCodes.ExtraProperty, undefined, `the object has a symbol key ${String(key.description)}; JSON has none.`);
    } else if (FORBIDDEN_KEYS.includes(key)) {
      reader.report(JsonCodes.ForbiddenProperty, { parent: undefined, segment: key }, `'${key}' is never accepted as a key.`);
    } else if (!ENVELOPE_KEYS.has(key)) {
      reader.report(JsonCodes.ExtraProperty, { parent: undefined, segment: key }, `the top level has only 'vmfilter' and 'node'.`);
    }
  }
  const nodeDescriptor = Object.getOwnPropertyDescriptor(input, "node");
  if (nodeDescriptor === undefined || !("value" in nodeDescriptor) || nodeDescriptor.value === undefined) {
    reader.report(JsonCodes.MissingProperty, undefined, "there is no 'node'.");
    return;
  }
  reader.tasks.push({ value: nodeDescriptor.value, path: { parent: undefined, segment: "node" }, slot: "node", depth: 0, target: holder, key: "node" });
}
