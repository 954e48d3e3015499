/**
 * Turns the tokens the grammar recognised into AST nodes with raw-text locations, and reports the
 * problems the grammar tolerates on purpose (missing values, unquoted words, `EQ null`, foreign
 * operators). The parser's actions call it; it is the single place where syntax becomes tree.
 * @module
 */
import type { IToken } from "chevrotain";
import type {
  BooleanNode,
  CompareOperator,
  Expression,
  FieldNode,
  LimitNode,
  LiteralNode,
  NotNode,
  NumberNode,
  OrderByNode,
  SortDirection,
  SortKeyNode,
  SourceLocation,
  StringNode,
} from "./ast.js";
import { SyntaxCodes, type DiagnosticDraft } from "./diagnostics.js";
import { describeAfter, describeFound } from "./messages.js";
import { normalizeNumber, plainDecimal } from "./numbers.js";
import { markImplicitGroup } from "./source.js";
import { Desc, False, ForeignWord, MalformedNumber, Null, Or, NumberLiteral, StringLiteral, True } from "./tokens.js";
import { PLAIN_SPELLING, plainText, rawOffset, spell, type DecodedText, type Spelling } from "./url.js";

/** Operators of other languages and the operator they mean here. */
const FOREIGN_OPERATORS: Readonly<Record<string, CompareOperator>> = {
  "=": "EQ",
  "==": "EQ",
  "!=": "NE",
  "<>": "NE",
  ">": "GT",
  ">=": "GE",
  "<": "LT",
  "<=": "LE",
  LIKE: "CP",
  ILIKE: "CP",
};

const OPERATOR_LIST = "EQ, NE, GT, GE, LT, LE, CP or IS";

/** Reads `''` in a string literal's image as `'`; reports whether the closing quote is there. */
function readString(image: string): { value: string; terminated: boolean } {
  let run = 0;
  for (let i = image.length - 1; i > 0 && image.charCodeAt(i) === 39; i--) run++;
  const terminated = run % 2 === 1;
  const body = image.slice(1, terminated ? -1 : undefined);
  return { value: body.indexOf("''") < 0 ? body : body.replaceAll("''", "'"), terminated };
}

/** One entry of the flat link list of {@link TreeBuilder.chain}. */
export type ChainLink = IToken | Expression | undefined;

/** Operand `i` of a chain (see {@link TreeBuilder.chain}). */
function chainOperand(head: Expression | undefined, links: readonly ChainLink[], i: number): Expression | undefined {
  return i === 0 ? head : (links[((i - 1) << 2) + 2] as Expression | undefined);
}

/** The last token of operand `i` of a chain, `i` ≥ 1 (a group always ends after the head). */
function chainLast(links: readonly ChainLink[], i: number): IToken {
  return links[((i - 1) << 2) + 3] as IToken;
}

/** Adds an operand to an n-ary node's operands: its own operands when it is of the same kind; nothing when lost. */
function addFlat(flat: Expression[], kind: "And" | "Or", operand: Expression | undefined): void {
  if (operand === undefined) return;
  if (operand.kind === kind) for (const inner of operand.operands) flat.push(inner);
  else flat.push(operand);
}

/** Builds nodes for one parameter value; reset by {@link TreeBuilder.reset} before each parse. */
export class TreeBuilder {
  private decoded: DecodedText = plainText("");
  private spelling: Spelling = PLAIN_SPELLING;
  /** Diagnostics found while building. */
  drafts: DiagnosticDraft[] = [];

  /** Points the builder at a new parameter value. */
  reset(decoded: DecodedText, spelling: Spelling, drafts: DiagnosticDraft[]): void {
    this.decoded = decoded;
    this.spelling = spelling;
    this.drafts = drafts;
  }

  /** Raw start offset of a token (end of input for EOF or an inserted token). */
  start(token: IToken): number {
    const offset = token.startOffset;
    return rawOffset(this.decoded, Number.isNaN(offset) ? this.decoded.text.length : offset);
  }

  /** Raw exclusive end offset of a token. */
  end(token: IToken): number {
    const offset = token.startOffset;
    if (Number.isNaN(offset)) return this.start(token);
    return rawOffset(this.decoded, offset + token.image.length);
  }

  /** The raw location spanning two tokens. */
  span(first: IToken, last: IToken): SourceLocation {
    const start = this.start(first);
    return { start, end: Math.max(start, this.end(last)) };
  }

  private report(code: string, message: string, at: IToken, fix?: { title: string; newText: string; from?: IToken }): void {
    const start = this.start(at);
    const end = this.end(at);
    this.drafts.push({
      code,
      severity: "error",
      message,
      start,
      end,
      ...(fix
        ? { fix: { title: fix.title, edits: [{ start: fix.from ? this.start(fix.from) : start, end, newText: spell(fix.newText, this.spelling) }] } }
        : {}),
    });
  }

  /** `cluster.name` → Field. */
  field(token: IToken): FieldNode {
    const name = token.image;
    if (token.tokenType === ForeignWord) {
      this.report(SyntaxCodes.InvalidFieldName, `'${name}' is not a field name: field names use ASCII letters, digits, '_' and '.'.`, token);
    }
    const path = name.indexOf(".") < 0 ? [name] : name.split(".");
    return { kind: "Field", path, name, loc: { start: this.start(token), end: this.end(token) } };
  }

  /** A value token → literal, or undefined (reported) when it cannot be one. */
  private literal(token: IToken): LiteralNode | undefined {
    const loc = { start: this.start(token), end: this.end(token) };
    const raw = token.image;
    const type = token.tokenType;
    if (type === StringLiteral) {
      const { value, terminated } = readString(raw);
      if (!terminated) {
        this.drafts.push({
          code: SyntaxCodes.UnterminatedString,
          severity: "error",
          message: "This string has no closing quote (write '' for a quote inside a string).",
          start: loc.start,
          end: loc.end,
          fix: { title: "Close the string", edits: [{ start: loc.end, end: loc.end, newText: spell("'", this.spelling) }] },
        });
      }
      return { kind: "String", value, raw, loc } satisfies StringNode;
    }
    if (type === NumberLiteral) return { kind: "Number", value: normalizeNumber(raw), raw, loc } satisfies NumberNode;
    if (type === MalformedNumber) {
      const plain = plainDecimal(raw);
      this.report(
        SyntaxCodes.InvalidNumber,
        `${raw} is not a number this language reads: write digits with an optional '-' and '.' between digits${plain === undefined ? "" : ` (${plain})`}.`,
        token,
        plain === undefined ? undefined : { title: `Write ${plain}`, newText: plain },
      );
      return plain === undefined ? undefined : { kind: "Number", value: plain, raw, loc };
    }
    if (type === True || type === False) return { kind: "Boolean", value: type === True, raw, loc } satisfies BooleanNode;
    this.report(SyntaxCodes.UnquotedValue, `The value ${raw} is not quoted; text values go in single quotes: '${raw}'.`, token, {
      title: `Quote the value: '${raw}'`,
      newText: `'${raw}'`,
    });
    return { kind: "String", value: raw, raw, loc } satisfies StringNode;
  }

  /**
   * `field OP value`. A missing value is reported and gives no node; `EQ null` / `NE null` are
   * reported and read as `IS null` / `NOT (IS null)`.
   */
  comparison(fieldToken: IToken, opToken: IToken, operator: CompareOperator, value: IToken | undefined, next: IToken): Expression | undefined {
    if (value === undefined) {
      this.drafts.push({
        code: SyntaxCodes.MissingValue,
        severity: "error",
        message: `Expected a value${describeAfter(opToken)}, found ${describeFound(next)}.`,
        start: this.start(next),
        end: this.end(next),
      });
      return undefined;
    }
    const field = this.field(fieldToken);
    const loc = this.span(fieldToken, value);
    if (value.tokenType === Null) {
      if (operator === "EQ" || operator === "NE") {
        const isNull = { kind: "IsNull", field, loc } as const;
        const positive = operator === "EQ";
        this.report(
          SyntaxCodes.NullComparison,
          positive ? "A null test is written 'IS null', not 'EQ null'." : "A not-null test is written 'NOT (field IS null)', not 'NE null'.",
          value,
          positive
            ? { title: "Replace with 'IS null'", newText: "IS null", from: opToken }
            : { title: "Replace with 'NOT (… IS null)'", newText: `NOT (${fieldToken.image} IS null)`, from: fieldToken },
        );
        return positive ? isNull : ({ kind: "Not", operand: isNull, loc } satisfies NotNode);
      }
      this.report(SyntaxCodes.NullComparison, `null cannot be compared with ${operator}; test it with 'IS null' or 'IS NOT null'.`, value);
      return undefined;
    }
    const literal = this.literal(value);
    return literal === undefined ? undefined : { kind: "Comparison", field, operator, value: literal, loc };
  }

  /** The operator a foreign spelling stands for, or undefined. */
  foreignOperator(token: IToken): CompareOperator | undefined {
    return FOREIGN_OPERATORS[token.image.toUpperCase()];
  }

  /** Reports an unknown operator (`=`, `LIKE`, `XX`), with a fix when its meaning is known. */
  unknownOperator(fieldToken: IToken, opToken: IToken, meant: CompareOperator | undefined): void {
    const message = meant
      ? `Unknown operator '${opToken.image}'; this language writes it as ${meant}.`
      : `Expected an operator (${OPERATOR_LIST})${describeAfter(fieldToken)}, found ${describeFound(opToken)}.`;
    this.report(SyntaxCodes.UnknownOperator, message, opToken, meant ? { title: `Replace with ${meant}`, newText: meant } : undefined);
  }

  /** Reports a field with no operator after it. */
  missingOperator(fieldToken: IToken, next: IToken): void {
    this.report(SyntaxCodes.MissingOperator, `Expected an operator (${OPERATOR_LIST})${describeAfter(fieldToken)}, found ${describeFound(next)}.`, next);
  }

  /** Reports a `(` whose `)` is missing; the fix inserts it after the group's last token. */
  missingCloseBracket(last: IToken, next: IToken): void {
    const at = this.end(last);
    this.drafts.push({
      code: SyntaxCodes.MissingCloseBracket,
      severity: "error",
      message: `Expected ')'${describeAfter(last)}, found ${describeFound(next)}.`,
      start: this.start(next),
      end: this.end(next),
      fix: { title: "Insert ')'", edits: [{ start: at, end: at, newText: spell(")", this.spelling) }] },
    });
  }

  /** Reports a place where a condition should start but none does. */
  missingCondition(previous: IToken, next: IToken): undefined {
    this.drafts.push({
      code: SyntaxCodes.MissingCondition,
      severity: "error",
      message: `Expected a condition${describeAfter(previous)}, found ${describeFound(next)}.`,
      start: this.start(next),
      end: this.end(next),
    });
    return undefined;
  }

  /** Reports something other than `null` after `IS` / `IS NOT`. */
  missingNull(previous: IToken, found: IToken): undefined {
    this.report(SyntaxCodes.UnexpectedToken, `Expected 'null'${describeAfter(previous)}, found ${describeFound(found)}; IS only tests for null.`, found);
    return undefined;
  }

  /** `field IS null` or `field IS NOT null` (read as `NOT (field IS null)`). */
  isNull(fieldToken: IToken, notToken: IToken | undefined, nullToken: IToken): Expression {
    const loc = this.span(fieldToken, nullToken);
    const isNull = { kind: "IsNull", field: this.field(fieldToken), loc } as const;
    return notToken === undefined ? isNull : { kind: "Not", operand: isNull, loc };
  }

  /** `NOT operand`, or undefined when the operand was lost to an error. */
  not(notToken: IToken, operand: Expression | undefined, last: IToken): Expression | undefined {
    return operand === undefined ? undefined : { kind: "Not", operand, loc: this.span(notToken, last) };
  }

  /**
   * A flat chain `a AND b OR c AND d` grouped by precedence (AND binds tighter than OR) into n-ary,
   * flattened nodes; operands lost to errors are dropped. The chain is `head` (from token `first`)
   * and `links`, four entries per link: the operator, the operand's first token, the
   * operand (undefined when lost) and its last token (brackets included, for locations).
   */
  chain(head: Expression | undefined, first: IToken, links: readonly ChainLink[]): Expression | undefined {
    const count = links.length >> 2;
    let ors = 0;
    for (let at = 0; at < links.length; at += 4) if ((links[at] as IToken).tokenType === Or) ors++;
    if (ors === 0 || ors === count) return this.join(ors === 0 ? "And" : "Or", head, first, links, 0, count);
    const groups: (Expression | undefined)[] = [];
    let from = 0;
    for (let i = 0; i <= count; i++) {
      if (i < count && (links[i << 2] as IToken).tokenType !== Or) continue;
      if (i === from) groups.push(chainOperand(head, links, from));
      else {
        const group = this.join("And", head, first, links, from, i);
        if (group?.kind === "And") markImplicitGroup(group);
        groups.push(group);
      }
      from = i + 1;
    }
    const flat: Expression[] = [];
    for (const group of groups) addFlat(flat, "Or", group);
    return flat.length <= 1 ? flat[0] : { kind: "Or", operands: flat, loc: this.span(first, chainLast(links, count)) };
  }

  /** Operands `from` to `to` (inclusive) of a chain joined by one kind, same-kind operands flattened. */
  private join(kind: "And" | "Or", head: Expression | undefined, first: IToken, links: readonly ChainLink[], from: number, to: number): Expression | undefined {
    const flat: Expression[] = [];
    for (let i = from; i <= to; i++) addFlat(flat, kind, chainOperand(head, links, i));
    if (flat.length <= 1) return flat[0];
    const start = from === 0 ? first : (links[((from - 1) << 2) + 1] as IToken);
    return { kind, operands: flat, loc: this.span(start, chainLast(links, to)) };
  }

  /** One ORDERBY key; `asc` when no direction is written. */
  sortKey(fieldToken: IToken, directionToken: IToken | undefined): SortKeyNode {
    const direction: SortDirection = directionToken?.tokenType === Desc ? "desc" : "asc";
    return { kind: "SortKey", field: this.field(fieldToken), direction, loc: this.span(fieldToken, directionToken ?? fieldToken) };
  }

  /** The ORDERBY node. */
  orderBy(keys: readonly SortKeyNode[], first: IToken, last: IToken): OrderByNode {
    // (never without keys: the first key is entered only on a field name, which it then reads)
    return { kind: "OrderBy", keys, loc: this.span(first, last) };
  }

  /** `offset,count` or one number (a count). Reports numbers that are not non-negative integers. */
  limit(first: IToken, second: IToken | undefined): LimitNode | undefined {
    const offset = second === undefined ? 0 : this.limitNumber(first, "offset");
    const count = this.limitNumber(second ?? first, "count");
    if (offset === undefined || count === undefined) return undefined;
    if (second === undefined) {
      const start = this.start(first);
      this.drafts.push({
        code: SyntaxCodes.LimitSingleNumber,
        severity: "warning",
        message: `'limit=${first.image}' has one number; its meaning upstream is unknown. It is read as offset 0, count ${count}: write '0,${first.image}'.`,
        start,
        end: this.end(first),
        fix: { title: `Write '0,${first.image}'`, edits: [{ start, end: start, newText: "0," }] },
      });
    }
    return { kind: "Limit", offset, count, loc: this.span(first, second ?? first) };
  }

  private limitNumber(token: IToken, role: string): number | undefined {
    const raw = token.image;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
      const why = raw.startsWith("-") ? (/^-0+(?:\.0+)?$/.test(raw) ? "has a minus sign" : "is negative") : !/^\d+$/.test(raw) ? "is not written with digits only" : "is too large";
      this.report(SyntaxCodes.InvalidLimit, `The limit ${role} ${raw} ${why}; it must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`, token);
      return undefined;
    }
    return value;
  }
}
