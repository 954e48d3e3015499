/**
 * Every validation rule, in the order they run.
 * @module
 */
import type { Rule } from "../rule.js";
import { bareNumberOnStringField } from "./bare-number-on-string-field.js";
import { cpWithoutWildcard } from "./cp-without-wildcard.js";
import { deprecatedField } from "./deprecated-field.js";
import { duplicateSortKey } from "./duplicate-sort-key.js";
import { keywordCase } from "./keyword-case.js";
import { limitCountZero } from "./limit-count-zero.js";
import { multipleSortKeys } from "./multiple-sort-keys.js";
import { noContradiction } from "./no-contradiction.js";
import { noDoubleNot } from "./no-double-not.js";
import { noDuplicateCondition } from "./no-duplicate-condition.js";
import { noMixedAndOr } from "./no-mixed-and-or.js";
import { notFilterable } from "./not-filterable.js";
import { notSortable } from "./not-sortable.js";
import { nullCheckOnNonNullable } from "./null-check-on-non-nullable.js";
import { operatorTypeMismatch } from "./operator-type-mismatch.js";
import { quotedNumber } from "./quoted-number.js";
import { typeMismatch } from "./type-mismatch.js";
import { unknownEnumValue } from "./unknown-enum-value.js";
import { unknownField } from "./unknown-field.js";

/** The built-in rules: schema checks first, then the schema-free lint rules. */
export const rules: readonly Rule[] = [
  unknownField,
  notFilterable,
  notSortable,
  deprecatedField,
  typeMismatch,
  operatorTypeMismatch,
  unknownEnumValue,
  nullCheckOnNonNullable,
  bareNumberOnStringField,
  quotedNumber,
  noMixedAndOr,
  keywordCase,
  cpWithoutWildcard,
  noDoubleNot,
  noDuplicateCondition,
  noContradiction,
  limitCountZero,
  multipleSortKeys,
  duplicateSortKey,
];
