/// <reference types="node" />
/**
 * `vmfilter lint` (being written).
 * @module
 */
import { UsageError, type Command } from "../command.js";

export const lintCommand: Command = {
  name: "lint",
  summary: "(being written)",
  usage: "lint [filter]",
  examples: [],
  options: {},
  takesFilter: true,
  reportsDiagnostics: false,
  prepare() {
    throw new UsageError("not written yet");
  },
};
