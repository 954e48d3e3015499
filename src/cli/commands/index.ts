/**
 * The commands of the CLI, in the order `vmfilter --help` lists them.
 * @module
 */
import { lspCommand } from "../../lsp/command.js";
import { serveCommand } from "../../serve/command.js";
import type { Command } from "../command.js";
import { convertCommand } from "./convert.js";
import { explainCommand } from "./explain.js";
import { formatCommand } from "./format.js";
import { lintCommand } from "./lint.js";
import { schemaCommand } from "./schema.js";
import { sqlCommand } from "./sql.js";

export const commands: readonly Command[] = [formatCommand, lintCommand, explainCommand, sqlCommand, convertCommand, schemaCommand];

/**
 * Every command `vmfilter --help` lists: the filter commands, then `lsp` and `serve` (long-running
 * servers with their own arguments, dispatched by main.ts before the filter commands).
 */
export const commandList: readonly { readonly name: string; readonly summary: string }[] = [...commands, lspCommand, serveCommand];
