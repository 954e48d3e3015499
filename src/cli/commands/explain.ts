/// <reference types="node" />
/**
 * `vmfilter explain` (being written).
 * @module
 */
import { UsageError, type Command } from "../command.js";

export const explainCommand: Command = {
  name: "explain",
  summary: "(being written)",
  usage: "explain [filter]",
  examples: [],
  options: {},
  takesFilter: true,
  reportsDiagnostics: false,
  prepare() {
    throw new UsageError("not written yet");
  },
};
