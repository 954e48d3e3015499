/// <reference types="node" />
/**
 * `vmfilter/eslint`: the ESLint plugin (flat config). One rule, `vmfilter/valid-filter`, and a
 * `recommended` config that turns it on:
 *
 * ```js
 * import vmfilter from "vmfilter/eslint";
 * export default [vmfilter.configs.recommended];
 * ```
 * @module
 */
import { createRequire } from "node:module";
import type { ESLint, Linter } from "eslint";
import { validFilter } from "./rule.js";

export { validFilter } from "./rule.js";
export type { ValidFilterOptions, CallOption } from "./options.js";

const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

/** The plugin's shape: ESLint's plugin with the `recommended` config always present. */
export interface VmfilterPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: { readonly "valid-filter": typeof validFilter };
  readonly configs: { readonly recommended: Linter.Config };
}

const plugin: VmfilterPlugin = {
  meta: { name: "vmfilter", version },
  rules: { "valid-filter": validFilter },
  configs: {} as { recommended: Linter.Config },
};

// the config names the plugin itself, so it is made once the plugin exists
(plugin.configs as { recommended: Linter.Config }).recommended = {
  name: "vmfilter/recommended",
  plugins: { vmfilter: plugin },
  rules: { "vmfilter/valid-filter": "error" },
};

/** The plugin: `plugins: { vmfilter }`, or `vmfilter.configs.recommended` in a flat config array. */
export default plugin;
