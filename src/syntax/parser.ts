/**
 * The grammar, as a Chevrotain parser with embedded actions that only build nodes (through
 * {@link TreeBuilder}). Each rule carries its production as the comment above it.
 *
 * Embedded actions rather than a CST: the CST doubles the work and the garbage on large filters
 * (see docs/architecture.md). Recovery is on; the grammar itself tolerates the common mistakes
 * (a missing value, an unquoted word, a foreign operator) so they give precise diagnostics and
 * keep the rest of the tree.
 * @module
 */
import { EmbeddedActionsParser, type IToken } from "chevrotain";
import type { CompareOperator, Expression, LimitNode, OrderByNode, SortKeyNode } from "./ast.js";
import { messageProvider } from "./messages.js";
import {
  allTokens,
  And,
  Comma,
  CompareOp,
  Direction,
  ForeignOperator,
  Is,
  LogicalOp,
  LParen,
  MalformedNumber,
  Name,
  Not,
  Null,
  NumberLiteral,
  Or,
  RParen,
  StringLiteral,
} from "./tokens.js";
import { TreeBuilder } from "./tree-builder.js";

const NOT_IDX = Not.tokenTypeIdx!;
const IS_IDX = Is.tokenTypeIdx!;
const NULL_IDX = Null.tokenTypeIdx!;
const AND_IDX = And.tokenTypeIdx!;
const OR_IDX = Or.tokenTypeIdx!;

/** Whether a token belongs to the comparison-operator category. */
function isCompareOp(token: IToken): boolean {
  return CompareOp.categoryMatchesMap![token.tokenTypeIdx] === true;
}

/** The filter grammar. One instance per process (see {@link getParser}). */
export class FilterParser extends EmbeddedActionsParser {
  /** Builds the nodes; pointed at each parameter before parsing it. */
  readonly builder = new TreeBuilder();

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, errorMessageProvider: messageProvider });
    this.performSelfAnalysis();
  }

  /**
   * Chevrotain's single-token insertion invents tokens (an empty field name in `orderby=a,,b`);
   * the grammar reports missing pieces itself, so nothing is ever inserted.
   */
  protected override canTokenTypeBeInsertedInRecovery(): boolean {
    return false;
  }

  /**
   * A word at `LA(k)` is a field, not a keyword, when a condition could start there: it is followed
   * by a comparison operator that is not itself followed by another operator or IS, or by
   * `IS null` / `IS NOT null` (LANGUAGE.md section 2).
   */
  private fieldAhead(k: number): boolean {
    const next = this.LA(k + 1);
    if (isCompareOp(next)) {
      const after = this.LA(k + 2);
      return !isCompareOp(after) && after.tokenTypeIdx !== IS_IDX;
    }
    if (next.tokenTypeIdx !== IS_IDX) return false;
    const after = this.LA(k + 2).tokenTypeIdx;
    return after === NULL_IDX || (after === NOT_IDX && this.LA(k + 3).tokenTypeIdx === NULL_IDX);
  }

  /** A condition starts here: any word but AND/OR/NOT, which only start one as a field name. */
  private conditionAhead(): boolean {
    const token = this.LA(1);
    return !(this.isLogicalWord(token) || token.tokenTypeIdx === NOT_IDX) || this.fieldAhead(1);
  }

  private isLogicalWord(token: IToken): boolean {
    return token.tokenTypeIdx === AND_IDX || token.tokenTypeIdx === OR_IDX;
  }

  // where = or_expr
  readonly whereClause = this.RULE("whereClause", (): Expression | undefined => this.SUBRULE(this.expression));

  // or_expr  = and_expr { "OR" and_expr }
  // and_expr = not_expr { "AND" not_expr }
  // (one rule reads the flat chain `not_expr { ("AND" | "OR") not_expr }` and the tree builder
  // groups it by precedence, AND before OR: half the recursion per bracket level)
  readonly expression = this.RULE("expression", (): Expression | undefined => {
    const first = this.LA(1);
    const head = this.SUBRULE(this.notExpr);
    let operands: (Expression | undefined)[] | undefined;
    let operators: IToken[] | undefined;
    let firsts: IToken[] | undefined;
    let lasts: IToken[] | undefined;
    this.MANY(() => {
      const op = this.CONSUME(LogicalOp);
      const from = this.LA(1);
      const next = this.SUBRULE2(this.notExpr);
      if (operands === undefined) {
        operands = [head];
        operators = [];
        firsts = [first];
        lasts = [this.LA(-1)];
      }
      operands.push(next);
      operators!.push(op);
      firsts!.push(from);
      lasts!.push(this.LA(0));
    });
    return operands === undefined ? head : this.ACTION(() => this.builder.chain(operands!, operators!, firsts!, lasts!));
  });

  // not_expr = "NOT" not_expr | primary
  // primary  = "(" or_expr ")" | condition
  // (a NOT that starts a condition, as in `not IS null`, is a field name; tolerated, reported:
  // a missing ')' and a missing condition, so the rest of the tree survives)
  readonly notExpr = this.RULE("notExpr", (): Expression | undefined =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(1).tokenTypeIdx === NOT_IDX && !this.fieldAhead(1),
          ALT: () => {
            const not = this.CONSUME(Not);
            const operand = this.SUBRULE(this.notExpr);
            return this.ACTION(() => this.builder.not(not, operand, this.LA(0)));
          },
        },
        {
          ALT: () => {
            // primary, inlined: one rule less per bracket level
            this.CONSUME(LParen);
            const inner = this.SUBRULE(this.expression);
            this.OR2([
              { ALT: () => this.CONSUME(RParen) },
              { ALT: () => this.ACTION(() => this.builder.missingCloseBracket(this.LA(0), this.LA(1))) },
            ]);
            return inner;
          },
        },
        { GATE: () => this.conditionAhead(), ALT: () => this.SUBRULE(this.condition) },
        { ALT: () => this.ACTION(() => this.builder.missingCondition(this.LA(0), this.LA(1))) },
      ],
    }),
  );

  // condition = field compare_op value
  //           | field "IS" ["NOT"] "null"
  // (tolerated, reported: a foreign operator such as `=` or `LIKE`, or no operator at all)
  readonly condition = this.RULE("condition", (): Expression | undefined => {
    const field = this.CONSUME(Name);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            const op = this.CONSUME(CompareOp);
            const value = this.SUBRULE(this.value);
            return this.ACTION(() =>
              this.builder.comparison(field, op, op.tokenType.name as CompareOperator, value, this.LA(1)),
            );
          },
        },
        {
          ALT: () => {
            const is = this.CONSUME(Is);
            const not = this.OPTION(() => this.CONSUME(Not));
            return this.OR4({
              IGNORE_AMBIGUITIES: true,
              DEF: [
                {
                  ALT: () => {
                    const nul = this.CONSUME(Null);
                    return this.ACTION(() => this.builder.isNull(field, not, nul));
                  },
                },
                {
                  ALT: () => {
                    // anything but null after IS: reported, and a value-like token is taken with it
                    const found = this.LA(1);
                    this.OPTION3(() => this.SUBRULE3(this.value));
                    return this.ACTION(() => this.builder.missingNull(not ?? is, found));
                  },
                },
              ],
            });
          },
        },
        {
          GATE: () => !this.isLogicalWord(this.LA(1)),
          ALT: () => {
            const op = this.OR2([{ ALT: () => this.CONSUME2(Name) }, { ALT: () => this.CONSUME(ForeignOperator) }]);
            const value = this.SUBRULE2(this.value);
            return this.ACTION(() => {
              const meant = this.builder.foreignOperator(op);
              this.builder.unknownOperator(field, op, meant);
              return meant === undefined ? undefined : this.builder.comparison(field, op, meant, value, this.LA(1));
            });
          },
        },
        {
          ALT: () => {
            this.ACTION(() => this.builder.missingOperator(field, this.LA(1)));
            this.OPTION2(() => this.OR3([{ ALT: () => this.CONSUME2(StringLiteral) }, { ALT: () => this.CONSUME2(NumberLiteral) }]));
            return undefined;
          },
        },
      ],
    });
  });

  // value = string | number | "true" | "false"
  // (tolerated, reported: `null`, an unquoted word, a malformed number such as `1e5`, nothing at all)
  readonly value = this.RULE("value", (): IToken | undefined =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(StringLiteral) },
        { ALT: () => this.CONSUME(NumberLiteral) },
        { ALT: () => this.CONSUME(MalformedNumber) },
        { GATE: () => !this.isLogicalWord(this.LA(1)), ALT: () => this.CONSUME(Name) },
        { ALT: () => undefined },
      ],
    }),
  );

  // orderby = sort_key { "," sort_key }
  readonly orderBy = this.RULE("orderBy", (): OrderByNode | undefined => {
    const first = this.LA(1);
    const keys: SortKeyNode[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const key = this.SUBRULE(this.sortKey);
        if (key !== undefined) keys.push(key);
      },
    });
    return this.ACTION(() => this.builder.orderBy(keys, first, this.LA(0)));
  });

  // sort_key = field [ "asc" | "desc" ]
  readonly sortKey = this.RULE("sortKey", (): SortKeyNode | undefined => {
    const field = this.CONSUME(Name);
    const direction = this.OPTION(() => this.CONSUME(Direction));
    return this.ACTION(() => this.builder.sortKey(field, direction));
  });

  // limit = number [ "," number ]
  readonly limit = this.RULE("limit", (): LimitNode | undefined => {
    const first = this.CONSUME(NumberLiteral);
    const second = this.OPTION(() => {
      this.CONSUME(Comma);
      return this.CONSUME2(NumberLiteral);
    });
    return this.ACTION(() => this.builder.limit(first, second));
  });
}

let parser: FilterParser | undefined;

/** The one parser of the process, built on first use. */
export function getParser(): FilterParser {
  parser ??= new FilterParser();
  return parser;
}
