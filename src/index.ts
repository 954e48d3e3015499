/**
 * vmfilter: the filter language of the VMmanager 6 / DCImanager 6 REST API
 * (`where=`, `orderby=`, `limit=`).
 * @packageDocumentation
 */
export { parse, parseWhere, parseOrderBy, parseLimit, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, MAX_SAFE_DEPTH } from "./syntax/parse.js";
export type { ParseOptions, ParseResult, WhereResult, OrderByResult, LimitResult } from "./syntax/parse.js";
export { format, quoteString } from "./print/format.js";
export type { FormatOptions } from "./print/format.js";
export { toQueryString, encodeComponent } from "./print/encode.js";
export type { QueryStringOptions } from "./print/encode.js";
export { canonicalize } from "./print/canonicalize.js";
export { FilterSyntaxError } from "./syntax/filter-syntax-error.js";
export { codeFrame } from "./syntax/code-frame.js";
export { SyntaxCodes, hasErrors } from "./syntax/diagnostics.js";
export type { Diagnostic, Severity, Fix, TextEdit, SyntaxCode } from "./syntax/diagnostics.js";
export { Kind, CompareOperators, SortDirections } from "./syntax/ast.js";
export type {
  Node,
  QueryNode,
  Expression,
  AndNode,
  OrNode,
  NotNode,
  ComparisonNode,
  IsNullNode,
  FieldNode,
  LiteralNode,
  StringNode,
  NumberNode,
  BooleanNode,
  OrderByNode,
  SortKeyNode,
  LimitNode,
  ParameterNode,
  SourceLocation,
  CompareOperator,
  SortDirection,
} from "./syntax/ast.js";
export { defineSchema } from "./schema/schema.js";
export type {
  Schema,
  SchemaOptions,
  FieldMap,
  FieldSpec,
  FieldOptions,
  ScalarType,
  ScalarField,
  EnumField,
  ReferenceField,
  ObjectField,
  ArrayField,
  ElementSpec,
  ResolvedField,
  FieldKind,
  FieldPath,
  FieldSpecAt,
  FieldValue,
  SchemaPath,
  ValueOfSpec,
  ValueOfType,
  MembersOf,
  Prev,
} from "./schema/schema.js";
export type { TreeIndex, ConditionEntry } from "./validate/tree-index.js";
export { validate, rules, LimitCodes } from "./validate/validate.js";
export type { ValidateOptions } from "./validate/validate.js";
export type { Rule, RuleConfig, RuleLevel, RuleContext, RuleReport } from "./validate/rule.js";
export { analyze } from "./validate/analyze.js";
export type { AnalyzeOptions } from "./validate/analyze.js";
export { applyFixes, isSafeFix, UNSAFE_FIX_CODES } from "./validate/fixes.js";
export { toApiError, isApiErrorBody, ApiError, ApiCodes, INVALID_FILTER_CODE, INVALID_FILTER_STATUS } from "./validate/api-error.js";
export type { ApiCode, ApiErrorBody, ApiDiagnostic, ApiRequestInfo, InvalidFilterBody, InvalidFilterValue } from "./validate/api-error.js";
export { schemas, schemaByName, schemaNames } from "./schema/builtin/index.js";
export type { SchemaName, SchemaByName, BuiltinSchemas } from "./schema/builtin/index.js";
export { filter, filterOf, Condition, QueryBuilder } from "./build/builder.js";
export type { FilterBuilder, ConditionMakers, PathOf, ValueAt, TextPathOf, AnyValue, IsUntyped } from "./build/builder.js";
export { where } from "./build/template.js";
export { quote, numberText, FilterValueError } from "./build/quote.js";
export type { LiteralValue } from "./build/quote.js";
export { migrate, migrateAll, MigrateCodes } from "./convert/migrate.js";
export type { MigrateOptions, MigrateResult, DropPredicate, DropContext, MigrationItem, MigrationSummary, MigrationStream } from "./convert/migrate.js";
export { visit, transform, BREAK, normalize, equivalent, compareExpressions, toJSON, fromJSON, JsonCodes, TREE_JSON_VERSION, DEFAULT_JSON_MAX_DEPTH } from "./tree/index.js";
export type { Visitor, VisitFunction, VisitHandlers, VisitControl, NodeOfKind, TransformFunction, NormalizeOptions, TreeJson, ToJsonOptions, FromJsonOptions, FromJsonResult, JsonCode } from "./tree/index.js";
export { toMongo, fromMongo, ConvertCodes } from "./convert/mongo.js";
export type { ConvertCode, MongoQuery, ToMongoOptions, ToMongoResult, FromMongoOptions, FromMongoResult } from "./convert/mongo.js";
export { toReactQueryBuilder, fromReactQueryBuilder } from "./convert/react-querybuilder.js";
export type { ReactQueryBuilderRule, ReactQueryBuilderGroup, ToReactQueryBuilderResult, FromReactQueryBuilderResult } from "./convert/react-querybuilder.js";
export { compile, MAX_COMPILE_DEPTH, apply, DEFAULT_ORDER, compileMask, ownPath, RunCodes, FilterRunError, toSql, selectStatement, countStatement, SqlDialects } from "./run/index.js";
export type { CompileOptions, Predicate, ListResult, MaskOptions, MaskMatcher, FieldAccessor, RunCode, ToSqlOptions, SqlQuery, SqlStatement, SelectOptions, SqlDialect, ColumnType, ColumnSpec, ColumnMap } from "./run/index.js";
export * from "./editor/index.js";
