/// <reference types="node" />
/**
 * `vmfilter schema [name]`: the built-in entity schemas, or one schema's fields.
 * @module
 */
import { schemaByName, schemaNames } from "../../schema/builtin/index.js";
import type { ResolvedField, Schema } from "../../schema/schema.js";
import { UsageError, type Command } from "../command.js";
import { schemaOption } from "../schema-option.js";

function typeText(field: ResolvedField): string {
  const base = field.type === "enum" && field.values ? `enum(${field.values.join("|")})` : field.type;
  return field.many ? `${base}[]` : base;
}

function fieldTable(schema: Schema): string {
  const rows = schema.paths.map((f) => [f.path, typeText(f), [f.filterable ? "" : "not filterable", f.sortable ? "sortable" : "", f.nullable ? "" : "not null", f.deprecated ? `deprecated${f.deprecated.replacement ? ` → ${f.deprecated.replacement}` : ""}` : ""].filter(Boolean).join(", "), f.description ?? ""]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["field", "type", "flags"][i]!.length));
  const line = (r: string[]) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join("  ").trimEnd();
  const head = `${schema.name ?? "schema"}${schema.description ? `: ${schema.description}` : ""}${schema.source ? `\n(${schema.source})` : ""}`;
  return `${head}\n\n${line(["field", "type", "flags", "description"])}\n${rows.map(line).join("\n")}`;
}

function schemaJson(schema: Schema): unknown {
  return { name: schema.name, description: schema.description, source: schema.source, fields: schema.paths };
}

export const schemaCommand: Command = {
  name: "schema",
  summary: "list the built-in entity schemas, or print one schema's fields (names, types, descriptions)",
  usage: "schema [name] [--json] [--schema-file path]",
  examples: ["vmfilter schema", "vmfilter schema vm.host", "vmfilter schema vm.host --json", "vmfilter schema --schema-file my-entity.json"],
  options: {
    json: { type: "boolean", description: "print JSON instead of a table" },
    "schema-file": { type: "string", value: "path", description: "print your own schema file (JSON) as vmfilter reads it" },
  },
  takesFilter: false,
  reportsDiagnostics: false,
  prepare(values, positionals) {
    const json = values.json === true;
    if (positionals.length > 1) throw new UsageError("Give one schema name at most.");
    const name = positionals[0];
    if (name !== undefined && values["schema-file"] !== undefined) throw new UsageError("Give a schema name or --schema-file, not both.");
    const schema = name !== undefined ? schemaByName(name) : schemaOption(values);
    if (name !== undefined && !schema) throw new UsageError(`Unknown schema "${name}". Built-in schemas: ${schemaNames.join(", ")}.`);
    if (schema) return () => ({ output: json ? JSON.stringify(schemaJson(schema), null, 2) : fieldTable(schema), diagnostics: [] });
    const all = schemaNames.map((n) => ({ name: n, description: schemaByName(n)?.description ?? "", fields: schemaByName(n)?.paths.length ?? 0 }));
    const width = Math.max(...all.map((s) => s.name.length));
    const text = `Built-in schemas (vmfilter schema <name> for the fields):\n\n${all.map((s) => `  ${s.name.padEnd(width)}  ${String(s.fields).padStart(3)} fields  ${s.description}`).join("\n")}`;
    return () => ({ output: json ? JSON.stringify(all, null, 2) : text, diagnostics: [] });
  },
};
