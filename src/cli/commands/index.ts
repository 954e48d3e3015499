/**
 * The commands of the CLI, in the order `vmfilter --help` lists them.
 * @module
 */
import type { Command } from "../command.js";
import { convertCommand } from "./convert.js";
import { explainCommand } from "./explain.js";
import { formatCommand } from "./format.js";
import { lintCommand } from "./lint.js";
import { schemaCommand } from "./schema.js";
import { sqlCommand } from "./sql.js";

export const commands: readonly Command[] = [formatCommand, lintCommand, explainCommand, sqlCommand, convertCommand, schemaCommand];
