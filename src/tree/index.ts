/**
 * The tree layer: walking, rewriting, normal forms and the JSON form of trees.
 * Imports only from the syntax layer.
 * @module
 */
export { visit, transform, BREAK } from "./visit.js";
export type { Visitor, VisitFunction, VisitHandlers, VisitControl, NodeOfKind, TransformFunction } from "./visit.js";
export { normalize, equivalent, compareExpressions } from "./normalize.js";
export type { NormalizeOptions } from "./normalize.js";
export { toJSON, fromJSON, JsonCodes, TREE_JSON_VERSION, DEFAULT_JSON_MAX_DEPTH } from "./json.js";
export type { TreeJson, ToJsonOptions, FromJsonOptions, FromJsonResult, JsonCode } from "./json.js";
