/// <reference types="node" />
/**
 * `vmfilter convert` (being written).
 * @module
 */
import { UsageError, type Command } from "../command.js";

export const convertCommand: Command = {
  name: "convert",
  summary: "(being written)",
  usage: "convert [filter]",
  examples: [],
  options: {},
  takesFilter: true,
  reportsDiagnostics: false,
  prepare() {
    throw new UsageError("not written yet");
  },
};
