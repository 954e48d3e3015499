/**
 * Converters between vmfilter trees and other query shapes: react-querybuilder rule groups and
 * MongoDB-style query objects. Loss of meaning is reported as diagnostics (`ConvertCodes`), never
 * silent, and no converter throws on bad input.
 * @module
 */
export { ConvertCodes, toMongo, fromMongo, maskToRegex } from "./mongo.js";
export type { ConvertCode, MongoQuery, ToMongoOptions, ToMongoResult, FromMongoOptions, FromMongoResult } from "./mongo.js";
export { toReactQueryBuilder, fromReactQueryBuilder } from "./react-querybuilder.js";
export type { ReactQueryBuilderRule, ReactQueryBuilderGroup, ToReactQueryBuilderResult, FromReactQueryBuilderResult } from "./react-querybuilder.js";
