/**
 * The grammar, as a Chevrotain parser with embedded actions that only build nodes (through
 * {@link TreeBuilder}). Each rule carries its production as the comment above it.
 *
 * Embedded actions rather than a CST: the CST doubles the work and the garbage on large filters
 * (see docs/architecture.md). The grammar has no predicates and every choice is made on one token
 * (which words are field names was settled by `classifyTokens`), so Chevrotain picks alternatives
 * by table. Recovery is on, and the grammar itself tolerates the common mistakes (a missing value,
 * condition or `)`, an unquoted word, a foreign operator): they give precise diagnostics and keep
 * the rest of the tree.
 * @module
 */
import { EmbeddedActionsParser, type IToken } from "chevrotain";
import type { CompareOperator, Expression, LimitNode, OrderByNode, SortKeyNode } from "./ast.js";
import { messageProvider } from "./messages.js";
import {
  allTokens,
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
  RParen,
  StringLiteral,
} from "./tokens.js";
import { TreeBuilder } from "./tree-builder.js";

// Alternatives answer `null` when they were taken but their node was dropped for an error, so that
// an OPTION's `undefined` (nothing there at all) stays distinct without allocating a wrapper.
// No grammar call may depend on what an earlier one returned: Chevrotain records the grammar by
// running each rule once with dummy tokens, and a skipped call would be missing from it.

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
  // (tolerated, reported: a missing condition and a missing ')', so the rest of the tree survives)
  readonly notExpr = this.RULE("notExpr", (): Expression | undefined => {
    const found = this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            const not = this.CONSUME(Not);
            const operand = this.SUBRULE(this.notExpr);
            return this.ACTION(() => this.builder.not(not, operand, this.LA(0))) ?? null;
          },
        },
        {
          ALT: () => {
            // primary, inlined: one rule less per bracket level
            this.CONSUME(LParen);
            const inner = this.SUBRULE(this.expression);
            const close = this.OPTION2(() => this.CONSUME(RParen));
            if (close === undefined) this.ACTION(() => this.builder.missingCloseBracket(this.LA(0), this.LA(1)));
            return inner ?? null;
          },
        },
        { ALT: () => this.SUBRULE(this.condition) ?? null },
      ]),
    );
    if (found === undefined) return this.ACTION(() => this.builder.missingCondition(this.LA(0), this.LA(1)));
    return found ?? undefined;
  });

  // condition = field compare_op value
  //           | field "IS" ["NOT"] "null"
  // (tolerated, reported: a foreign operator such as `=` or `LIKE`, no operator, no null after IS)
  readonly condition = this.RULE("condition", (): Expression | undefined => {
    const field = this.CONSUME(Name);
    const found = this.OPTION(() =>
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            ALT: () => {
              const op = this.CONSUME(CompareOp);
              const value = this.OPTION2(() => this.SUBRULE(this.value));
              return this.ACTION(() => this.builder.comparison(field, op, op.tokenType.name as CompareOperator, value, this.LA(1))) ?? null;
            },
          },
          {
            ALT: () => {
              const is = this.CONSUME(Is);
              const not = this.OPTION3(() => this.CONSUME(Not));
              return this.OR4({
                IGNORE_AMBIGUITIES: true,
                DEF: [
                  {
                    ALT: () => {
                      const nul = this.CONSUME(Null);
                      return this.ACTION(() => this.builder.isNull(field, not, nul)) ?? null;
                    },
                  },
                  {
                    // anything but null after IS: reported, and a value-like token is taken with it
                    ALT: () => {
                      const found = this.LA(1);
                      this.OPTION4(() => this.SUBRULE2(this.value));
                      return this.ACTION(() => this.builder.missingNull(not ?? is, found)) ?? null;
                    },
                  },
                ],
              });
            },
          },
          {
            ALT: () => {
              const op = this.OR2([{ ALT: () => this.CONSUME2(Name) }, { ALT: () => this.CONSUME(ForeignOperator) }]);
              const value = this.OPTION6(() => this.SUBRULE3(this.value));
              const node = this.ACTION(() => {
                const meant = this.builder.foreignOperator(op);
                this.builder.unknownOperator(field, op, meant);
                return meant === undefined ? undefined : this.builder.comparison(field, op, meant, value, this.LA(1));
              });
              return node ?? null;
            },
          },
        ],
      }),
    );
    // No operator: reported here; what follows is left to the enclosing rules (and deduplicated).
    if (found === undefined) this.ACTION(() => this.builder.missingOperator(field, this.LA(1)));
    return found ?? undefined;
  });

  // value = string | number | "true" | "false"
  // (tolerated, reported: `null`, an unquoted word, a malformed number such as `1e5`)
  readonly value = this.RULE("value", (): IToken =>
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(MalformedNumber) },
      { ALT: () => this.CONSUME(Name) },
    ]),
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
