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
import { TreeBuilder, type ChainLink } from "./tree-builder.js";

// Alternatives answer `null` when they were taken but their node was dropped for an error, so that
// an OPTION's `undefined` (nothing there at all) stays distinct without allocating a wrapper.
// No grammar call may depend on what an earlier one returned: Chevrotain records the grammar by
// running each rule once with dummy tokens, and a skipped call would be missing from it.

/** The filter grammar. One instance per process (see {@link getParser}). */
export class FilterParser extends EmbeddedActionsParser {
  /** Builds the nodes; pointed at each parameter before parsing it. */
  readonly builder = new TreeBuilder();

  /**
   * @param validate Run Chevrotain's grammar validations (ambiguities, left recursion, names).
   *   They only find mistakes in this file, never in input, and cost a third of the parser's
   *   construction, so the parsers of the process skip them; a test builds one with them on.
   * @param recover Chevrotain's error recovery (re-sync, in-rule recovery), which lets one parse
   *   report every error. It costs about 15 % of a parse even when the input is valid, so
   *   {@link getParser} has a parser without it for the first try.
   */
  constructor(validate = false, recover = true) {
    super(allTokens, { recoveryEnabled: recover, maxLookahead: 1, errorMessageProvider: messageProvider, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  /**
   * Chevrotain's single-token insertion invents tokens (an empty field name in `orderby=a,,b`);
   * the grammar reports missing pieces itself, so nothing is ever inserted.
   */
  protected override canTokenTypeBeInsertedInRecovery(): boolean {
    return false;
  }

  /** False while Chevrotain records the grammar with dummy tokens: then no node is built. */
  private get live(): boolean {
    return !this.RECORDING_PHASE;
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
    // the rest of the chain, flat: operator, first token, operand and last token of each link,
    // one array made on the first link (most expressions are a single condition)
    let links: ChainLink[] | undefined;
    this.MANY(() => {
      const op = this.CONSUME(LogicalOp);
      const from = this.LA(1);
      const next = this.SUBRULE2(this.notExpr);
      (links ??= []).push(op, from, next, this.LA(0));
    });
    return links !== undefined && this.live ? this.builder.chain(head, first, links) : head;
  });

  // Alternatives that capture nothing but `this` are built once, not on every call (Chevrotain's
  // performance guide); `null` from an alternative means "taken, but its node was dropped".
  private readonly primaryAlternatives = [
    {
      ALT: (): Expression | null => {
        const not = this.CONSUME(Not);
        const operand = this.SUBRULE(this.notExpr);
        return this.live ? (this.builder.not(not, operand, this.LA(0)) ?? null) : null;
      },
    },
    {
      ALT: (): Expression | null => {
        // primary, inlined: one rule less per bracket level
        this.CONSUME(LParen);
        const inner = this.SUBRULE(this.expression);
        const close = this.OPTION2(() => this.CONSUME(RParen));
        if (close === undefined && this.live) this.builder.missingCloseBracket(this.LA(0), this.LA(1));
        return inner ?? null;
      },
    },
    { ALT: (): Expression | null => this.SUBRULE(this.condition) ?? null },
  ];
  private readonly primary = (): Expression | null => this.OR(this.primaryAlternatives);

  // not_expr = "NOT" not_expr | primary
  // primary  = "(" or_expr ")" | condition
  // (tolerated, reported: a missing condition and a missing ')', so the rest of the tree survives)
  readonly notExpr = this.RULE("notExpr", (): Expression | undefined => {
    const found = this.OPTION(this.primary);
    if (found === undefined) return this.live ? this.builder.missingCondition(this.LA(0), this.LA(1)) : undefined;
    return found ?? undefined;
  });

  /** The field token of the condition being read (conditions never nest). */
  private conditionField!: IToken;

  private readonly valueAlternatives = [
    { ALT: () => this.CONSUME(StringLiteral) },
    { ALT: () => this.CONSUME(NumberLiteral) },
    { ALT: () => this.CONSUME(MalformedNumber) },
    { ALT: () => this.CONSUME3(Name) },
  ];
  private readonly inlineValue = (): IToken => this.OR5(this.valueAlternatives);

  private readonly operatorAlternatives = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: (): Expression | null => {
          const op = this.CONSUME(CompareOp);
          // value, inlined on the common path: one rule invocation less per comparison
          const value = this.OPTION2(this.inlineValue);
          if (!this.live) return null;
          return this.builder.comparison(this.conditionField, op, op.tokenType.name as CompareOperator, value, this.LA(1)) ?? null;
        },
      },
      {
        ALT: (): Expression | null => {
          const field = this.conditionField;
          const is = this.CONSUME(Is);
          const not = this.OPTION3(() => this.CONSUME(Not));
          return this.OR4({
            IGNORE_AMBIGUITIES: true,
            DEF: [
              {
                ALT: () => {
                  const nul = this.CONSUME(Null);
                  return this.live ? this.builder.isNull(field, not, nul) : null;
                },
              },
              {
                // anything but null after IS: reported, and a value-like token is taken with it
                ALT: () => {
                  const found = this.LA(1);
                  this.OPTION4(() => this.SUBRULE2(this.value));
                  return this.live ? (this.builder.missingNull(not ?? is, found) ?? null) : null;
                },
              },
            ],
          });
        },
      },
      {
        ALT: (): Expression | null => {
          const field = this.conditionField;
          const op = this.OR2([{ ALT: () => this.CONSUME2(Name) }, { ALT: () => this.CONSUME(ForeignOperator) }]);
          const value = this.OPTION6(() => this.SUBRULE3(this.value));
          if (!this.live) return null;
          const meant = this.builder.foreignOperator(op);
          this.builder.unknownOperator(field, op, meant);
          return (meant === undefined ? undefined : this.builder.comparison(field, op, meant, value, this.LA(1))) ?? null;
        },
      },
    ],
  };
  private readonly operatorAndValue = (): Expression | null => this.OR(this.operatorAlternatives);

  // condition = field compare_op value
  //           | field "IS" ["NOT"] "null"
  // (tolerated, reported: a foreign operator such as `=` or `LIKE`, no operator, no null after IS)
  readonly condition = this.RULE("condition", (): Expression | undefined => {
    const field = this.CONSUME(Name);
    this.conditionField = field;
    const found = this.OPTION(this.operatorAndValue);
    // No operator: reported here; what follows is left to the enclosing rules (and deduplicated).
    if (found === undefined && this.live) this.builder.missingOperator(field, this.LA(1));
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
    return this.live ? this.builder.orderBy(keys, first, this.LA(0)) : undefined;
  });

  // sort_key = field [ "asc" | "desc" ]
  readonly sortKey = this.RULE("sortKey", (): SortKeyNode | undefined => {
    const field = this.CONSUME(Name);
    const direction = this.OPTION(() => this.CONSUME(Direction));
    return this.live ? this.builder.sortKey(field, direction) : undefined;
  });

  // limit = number [ "," number ]
  readonly limit = this.RULE("limit", (): LimitNode | undefined => {
    const first = this.CONSUME(NumberLiteral);
    const second = this.OPTION(() => {
      this.CONSUME(Comma);
      return this.CONSUME2(NumberLiteral);
    });
    return this.live ? this.builder.limit(first, second) : undefined;
  });
}

let recovering: FilterParser | undefined;
let fast: FilterParser | undefined;

/**
 * The parsers of the process, each built on first use: `"recovering"` (Chevrotain's error
 * recovery on: every error of a value in one parse) or `"fast"` (recovery off: the first try at
 * every value, whose result stands when it finds no error).
 */
export function getParser(kind: "recovering" | "fast" = "recovering"): FilterParser {
  if (kind === "fast") return (fast ??= new FilterParser(false, false));
  return (recovering ??= new FilterParser());
}
