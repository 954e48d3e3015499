/**
 * Built-in schemas of VMmanager 6 and DCImanager 6 entities.
 * @module
 */
import type { Schema } from "../schema.js";
import { server, ip as dciIp } from "./dci.js";
import { account, cluster, disk, host, ip as vmIp, ippool, node, os, task } from "./vm.js";

/**
 * Schemas of the entities filters are most often written for, grouped by product.
 *
 * They are **community-sourced, not authoritative**: the field lists come from third-party clients'
 * type definitions and from filters real clients send, since ISPsystem documents no field list for
 * filters. Every field but `id` may be null, state-like fields are plain strings, and a field the
 * API has but these lack is reported as unknown. Extend one in a line when you know more:
 *
 * ```ts
 * const host = schemas.vm.host.extend({ my_tag: "string" });
 * ```
 */
export const schemas = {
  vm: { host, cluster, node, task, ip: vmIp, account, disk, ippool, os },
  dci: { server, ip: dciIp },
} as const;

/** The built-in schemas, by product. */
export type BuiltinSchemas = typeof schemas;

/** A built-in schema's name: `"vm.host"`, `"dci.server"`, … */
export type SchemaName = {
  [P in keyof BuiltinSchemas]: `${P}.${keyof BuiltinSchemas[P] & string}`;
}[keyof BuiltinSchemas];

/** The built-in schema of a name (`SchemaByName<"vm.host">` is the type of `schemas.vm.host`). */
export type SchemaByName<N extends SchemaName> = N extends `${infer P extends keyof BuiltinSchemas}.${infer E}`
  ? E extends keyof BuiltinSchemas[P]
    ? BuiltinSchemas[P][E]
    : never
  : never;

const own = Object.prototype.hasOwnProperty;

/** Every built-in schema's name, e.g. `"vm.host"`, in declaration order. */
export const schemaNames: readonly SchemaName[] = Object.freeze(
  Object.keys(schemas).flatMap((product) => Object.keys(schemas[product as keyof BuiltinSchemas]).map((entity) => `${product}.${entity}` as SchemaName)),
);

/**
 * The built-in schema named `product.entity` (`"vm.host"` gives `schemas.vm.host`), or undefined.
 * Only the schemas' own names resolve: `"__proto__"`, `"constructor"`, `"vm.toString"` never do.
 */
export function schemaByName<N extends SchemaName>(name: N): SchemaByName<N>;
export function schemaByName(name: string): Schema | undefined;
export function schemaByName(name: string): Schema | undefined {
  if (typeof name !== "string") return undefined;
  const dot = name.indexOf(".");
  if (dot < 0) return undefined;
  const product = name.slice(0, dot);
  const entity = name.slice(dot + 1);
  if (!own.call(schemas, product)) return undefined;
  const group = schemas[product as keyof BuiltinSchemas] as Readonly<Record<string, Schema>>;
  return own.call(group, entity) ? group[entity] : undefined;
}
