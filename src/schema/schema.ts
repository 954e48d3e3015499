/**
 * Schemas: what fields an entity has, their types, and what may be done with them.
 *
 * A schema is declared once with {@link defineSchema}, whose `const` type parameter keeps the
 * literal field names and types, so a typed builder can reject unknown fields and wrong values at
 * compile time ({@link FieldPath}, {@link FieldValue}).
 * @module
 */

/** Types of single values. `datetime` values are strings (ISO 8601 as the API writes them). */
export type ScalarType = "string" | "integer" | "number" | "boolean" | "datetime";

/** What may be done with a field, and what people should know about it. */
export interface FieldOptions {
  /** May appear in WHERE (default true). */
  readonly filterable?: boolean;
  /** May appear in ORDERBY (default true for scalars, enums and references; false for arrays and objects). */
  readonly sortable?: boolean;
  /** May be missing or null (default true: the built-in schemas are not authoritative). */
  readonly nullable?: boolean;
  /** Shown by hover, completion and docs. */
  readonly description?: string;
  /** The field is deprecated; `replacement` names the field to use instead (used by fixes and migration). */
  readonly deprecated?: true | { readonly replacement?: string; readonly reason?: string };
}

/** A scalar field written in full: `{ type: "integer", sortable: false }`. */
export interface ScalarField<T extends ScalarType = ScalarType> extends FieldOptions {
  readonly type: T;
}

/** A string field with a closed set of values. */
export interface EnumField<V extends string = string> extends FieldOptions {
  readonly type: "enum";
  readonly values: readonly V[];
}

/**
 * A field holding an object with an `id` (`cluster`, `node`, `account`): compared with a number it
 * means its `id` (`cluster EQ 3` is `cluster.id EQ 3`). `fields` declares its other members
 * (`id` is implied and need not be declared).
 */
export interface ReferenceField<F extends FieldMap = FieldMap> extends FieldOptions {
  readonly type: "reference";
  readonly fields?: F;
}

/** A field holding a nested object; only its members can be compared. */
export interface ObjectField<F extends FieldMap = FieldMap> extends FieldOptions {
  readonly type: "object";
  readonly fields: F;
}

/** What an array holds: a scalar type, an enum, or objects described by a field map. */
export type ElementSpec = ScalarType | ScalarField | EnumField | FieldMap;

/** An array field; a comparison on it matches when any element matches. */
export interface ArrayField<E extends ElementSpec = ElementSpec> extends FieldOptions {
  readonly type: "array";
  readonly of: E;
}

/** A field declaration: a scalar type name as shorthand, or a full declaration. */
export type FieldSpec = ScalarType | ScalarField | EnumField | ReferenceField | ObjectField | ArrayField;

/** Field names (dotted paths allowed, e.g. `"cluster.name"`) to their declarations. */
export interface FieldMap {
  readonly [name: string]: FieldSpec;
}

/** What kind of value a resolved field holds. */
export type FieldKind = "scalar" | "enum" | "reference" | "object" | "array";

/** A field with every default filled in, as the validator and editors see it. */
export interface ResolvedField {
  /** The dotted path, e.g. `cluster.name`. */
  readonly path: string;
  readonly kind: FieldKind;
  /** The value type compared: for arrays, the element's; for references, `integer` (the id). */
  readonly type: ScalarType | "enum" | "reference" | "object";
  /** Enum values (for enum fields and arrays of enums). */
  readonly values?: readonly string[];
  /** True for array fields and for fields reached through an array. */
  readonly many: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly nullable: boolean;
  readonly description?: string;
  readonly deprecated?: { readonly replacement?: string; readonly reason?: string };
}

/** Options of {@link defineSchema}. */
export interface SchemaOptions {
  /** The entity's name, e.g. `vm.host`. */
  readonly name?: string;
  /** One line about the entity (shown by editors and the CLI). */
  readonly description?: string;
  /** Where the declaration comes from, e.g. "community-sourced, not authoritative". */
  readonly source?: string;
}

/** An entity's fields, resolved once; made by {@link defineSchema}. */
export interface Schema<F extends FieldMap = FieldMap> {
  /** The fields as declared (kept literally for typed builders). */
  readonly fields: F;
  readonly name?: string;
  readonly description?: string;
  readonly source?: string;
  /** Every field path, nested ones included, with defaults filled in, in declaration order. */
  readonly paths: readonly ResolvedField[];
  /** The field at a dotted path, or undefined. Only own names resolve (`__proto__` never does). */
  field(path: string): ResolvedField | undefined;
  /** A new schema with more (or replaced) fields: `schemas.vm.host.extend({ my_tag: "string" })`. */
  extend<const G extends FieldMap>(fields: G, options?: SchemaOptions): Schema<Omit<F, keyof G> & G>;
}

// ---------------------------------------------------------------------------------------------
// Type-level paths and values, for typed builders

/** Depth counter for {@link FieldPath} (type-level recursion limit). */
export type Prev = [never, 0, 1, 2, 3];

/** The member map of a field that has members (reference, object, array of objects). */
export type MembersOf<S> = S extends { readonly type: "reference"; readonly fields?: infer G }
  ? (G extends FieldMap ? G : {}) & { readonly id: "integer" }
  : S extends { readonly type: "object"; readonly fields: infer G }
    ? G
    : S extends { readonly type: "array"; readonly of: infer E }
      ? E extends ScalarType | { readonly type: string }
        ? never
        : E
      : never;

/** Every dotted path of a field map (three levels deep at most). */
export type FieldPath<F, D extends number = 3> = [D] extends [never]
  ? never
  : {
      [K in keyof F & string]: K | (MembersOf<F[K]> extends never ? never : `${K}.${FieldPath<MembersOf<F[K]>, Prev[D]>}`);
    }[keyof F & string];

/** The declaration at a dotted path. */
export type FieldSpecAt<F, P extends string> = P extends keyof F
  ? F[P]
  : P extends `${infer Head}.${infer Rest}`
    ? Head extends keyof F
      ? FieldSpecAt<MembersOf<F[Head]>, Rest>
      : never
    : never;

/** The JavaScript type of a scalar type name. */
export type ValueOfType<T> = T extends "string" | "datetime" ? string : T extends "integer" | "number" ? number | bigint : T extends "boolean" ? boolean : never;

/** The JavaScript type a value compared with this declaration may have. */
export type ValueOfSpec<S> = S extends ScalarType
  ? ValueOfType<S>
  : S extends { readonly type: "enum"; readonly values: readonly (infer V)[] }
    ? V
    : S extends { readonly type: "reference" }
      ? number | bigint
      : S extends { readonly type: "array"; readonly of: infer E }
        ? ValueOfSpec<E>
        : S extends { readonly type: infer T }
          ? ValueOfType<T>
          : never;

/** The JavaScript type of a value compared with the field at path `P` of schema `S`. */
export type FieldValue<S extends Schema, P extends string> = S extends Schema<infer F> ? ValueOfSpec<FieldSpecAt<F, P>> : never;

/** The dotted paths of schema `S`. */
export type SchemaPath<S extends Schema> = S extends Schema<infer F> ? FieldPath<F> : never;

// ---------------------------------------------------------------------------------------------
// Resolution

const own = Object.prototype.hasOwnProperty;
const COMPOUND = new Set(["enum", "reference", "object", "array"]);

function isElementMap(spec: ElementSpec): spec is FieldMap {
  return typeof spec === "object" && !("type" in spec && typeof (spec as { type: unknown }).type === "string");
}

function deprecation(deprecated: NonNullable<FieldOptions["deprecated"]>): NonNullable<ResolvedField["deprecated"]> {
  return deprecated === true ? {} : deprecated;
}

function resolveInto(out: Map<string, ResolvedField>, prefix: string, fields: FieldMap, many: boolean): void {
  for (const name of Object.keys(fields)) {
    const spec = fields[name]!;
    const path = prefix + name;
    const options: FieldOptions = typeof spec === "string" ? {} : spec;
    const base = {
      path,
      many,
      filterable: options.filterable ?? true,
      nullable: options.nullable ?? true,
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.deprecated !== undefined ? { deprecated: deprecation(options.deprecated) } : {}),
    };
    if (typeof spec === "string" || !COMPOUND.has(spec.type)) {
      const type = (typeof spec === "string" ? spec : spec.type) as ScalarType;
      out.set(path, { ...base, kind: "scalar", type, sortable: options.sortable ?? !many });
    } else if (spec.type === "enum") {
      out.set(path, { ...base, kind: "enum", type: "enum", values: spec.values, sortable: options.sortable ?? !many });
    } else if (spec.type === "reference") {
      out.set(path, { ...base, kind: "reference", type: "reference", sortable: options.sortable ?? !many });
      const members = spec.fields ?? {};
      if (!own.call(members, "id")) out.set(`${path}.id`, { path: `${path}.id`, many, kind: "scalar", type: "integer", filterable: base.filterable, sortable: !many, nullable: base.nullable });
      resolveInto(out, `${path}.`, members, many);
    } else if (spec.type === "object") {
      out.set(path, { ...base, kind: "object", type: "object", sortable: options.sortable ?? false });
      resolveInto(out, `${path}.`, spec.fields, many);
    } else {
      const element = (spec as ArrayField).of;
      if (isElementMap(element)) {
        out.set(path, { ...base, kind: "array", type: "object", many: true, sortable: options.sortable ?? false });
        resolveInto(out, `${path}.`, element, true);
      } else {
        const elementSpec = typeof element === "string" ? ({ type: element } as ScalarField) : element;
        out.set(path, {
          ...base,
          kind: "array",
          type: elementSpec.type === "enum" ? "enum" : (elementSpec.type as ScalarType),
          ...(elementSpec.type === "enum" ? { values: (elementSpec as EnumField).values } : {}),
          many: true,
          sortable: options.sortable ?? false,
        });
      }
    }
  }
}

/**
 * Declares an entity's fields. Field names may be dotted (`"cluster.name": "string"`) or nested
 * through `reference`, `object` and `array` declarations; both spellings resolve to the same paths.
 *
 * ```ts
 * const host = defineSchema({
 *   id: { type: "integer", nullable: false },
 *   name: { type: "string", description: "Host name" },
 *   state: { type: "enum", values: ["active", "stopped"] },
 *   cluster: { type: "reference", fields: { name: "string" } },
 *   ip4: { type: "array", of: { ip: "string" } },
 * });
 * ```
 */
export function defineSchema<const F extends FieldMap>(fields: F, options: SchemaOptions = {}): Schema<F> {
  const resolved = new Map<string, ResolvedField>();
  resolveInto(resolved, "", fields, false);
  // dotted keys ("cluster.name") may declare members of a declared parent: mark them many when the parent is
  for (const [path, field] of resolved) {
    const dot = path.lastIndexOf(".");
    if (dot < 0 || field.many) continue;
    const parent = resolved.get(path.slice(0, dot));
    if (!parent?.many) continue;
    const declared = own.call(fields, path) ? fields[path] : undefined;
    const explicit = typeof declared === "object" ? declared.sortable : undefined;
    resolved.set(path, { ...field, many: true, sortable: explicit ?? false });
  }
  const paths = [...resolved.values()];
  const schema: Schema<F> = {
    fields,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    paths,
    field: (path: string) => resolved.get(path),
    extend: <const G extends FieldMap>(more: G, extendOptions?: SchemaOptions) => {
      const merged: Record<string, FieldSpec> = {};
      for (const key of Object.keys(fields)) if (!own.call(more, key)) merged[key as string] = fields[key]!;
      for (const key of Object.keys(more)) merged[key] = more[key]!;
      return defineSchema(merged, { ...options, ...extendOptions }) as unknown as Schema<Omit<F, keyof G> & G>;
    },
  };
  return schema;
}
