/// <reference types="node" />
/**
 * `vmfilter sql` (being written).
 * @module
 */
import { UsageError, type Command } from "../command.js";

export const sqlCommand: Command = {
  name: "sql",
  summary: "(being written)",
  usage: "sql [filter]",
  examples: [],
  options: {},
  takesFilter: true,
  reportsDiagnostics: false,
  prepare() {
    throw new UsageError("not written yet");
  },
};
