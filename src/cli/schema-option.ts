/// <reference types="node" />
/**
 * `--schema <name>` (a built-in entity) and `--schema-file <path>` (your own, as JSON), shared by
 * the commands that check or run filters against an entity.
 * @module
 */
import { readFileSync } from "node:fs";
import { schemaByName, schemaNames } from "../schema/builtin/index.js";
import { defineSchema, type FieldMap, type Schema } from "../schema/schema.js";
import { UsageError, type OptionSpec, type OptionValues } from "./command.js";

/** The two options. */
export const SCHEMA_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  schema: { type: "string", value: "name", description: `a built-in entity schema (${schemaNames.slice(0, 3).join(", ")}, …; see vmfilter schema)` },
  "schema-file": { type: "string", value: "path", description: 'your own schema as JSON: { "name": "…", "fields": { "name": "string", … } } or just the fields' },
};

/** The schema the options name, if any; a wrong name or file is a usage error. */
export function schemaOption(values: OptionValues): Schema | undefined {
  const name = values.schema;
  const file = values["schema-file"];
  if (name !== undefined && file !== undefined) throw new UsageError("Give --schema or --schema-file, not both.");
  if (typeof name === "string") {
    const schema = schemaByName(name);
    if (!schema) throw new UsageError(`Unknown schema "${name}". Built-in schemas: ${schemaNames.join(", ")}.`);
    return schema;
  }
  if (typeof file === "string") return schemaFromFile(file);
  return undefined;
}

/**
 * Reads a schema file: `{ "name": "…", "description": "…", "fields": { … } }` or just the fields
 * object. Shared with the language server (`src/lsp/config.ts`). Throws {@link UsageError} whose
 * message names the path and what is wrong (unreadable, not JSON, not an object, not a schema).
 */
export function schemaFromFile(path: string): Schema {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`Cannot read the schema file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`The schema file ${path} must hold a JSON object.`);
  const record = value as Record<string, unknown>;
  const wrapped = typeof record.fields === "object" && record.fields !== null && !Array.isArray(record.fields);
  const fields = (wrapped ? record.fields : record) as FieldMap;
  try {
    return defineSchema(fields, {
      ...(wrapped && typeof record.name === "string" ? { name: record.name } : {}),
      ...(wrapped && typeof record.description === "string" ? { description: record.description } : {}),
    });
  } catch (error) {
    throw new UsageError(`The schema file ${path} is not a schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}
