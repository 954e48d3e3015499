/**
 * Nesting depth of a token stream, measured before parsing so that input nested deeper than the
 * parser's stack can take gives a diagnostic instead of a stack overflow.
 * @module
 */
import type { IToken } from "chevrotain";
import { CompareOp, Is, LParen, Not, Null, RParen, And, Or } from "./tokens.js";

const NOT_IDX = Not.tokenTypeIdx!;
const IS_IDX = Is.tokenTypeIdx!;
const NULL_IDX = Null.tokenTypeIdx!;
const LPAREN_IDX = LParen.tokenTypeIdx!;
const RPAREN_IDX = RParen.tokenTypeIdx!;
const AND_IDX = And.tokenTypeIdx!;
const OR_IDX = Or.tokenTypeIdx!;

function isCompareOp(token: IToken | undefined): boolean {
  return token !== undefined && CompareOp.categoryMatchesMap![token.tokenTypeIdx] === true;
}

/** The same test as the parser's: is the NOT at `i` a field name starting a condition? */
function notIsField(tokens: readonly IToken[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined) return false;
  if (isCompareOp(next)) {
    const after = tokens[i + 2];
    return !isCompareOp(after) && after?.tokenTypeIdx !== IS_IDX;
  }
  if (next.tokenTypeIdx !== IS_IDX) return false;
  const after = tokens[i + 2]?.tokenTypeIdx;
  return after === NULL_IDX || (after === NOT_IDX && tokens[i + 3]?.tokenTypeIdx === NULL_IDX);
}

/**
 * Finds the first token at which brackets and NOTs nest deeper than `maxDepth`; returns its index,
 * or -1 when the stream stays within the limit. Each open bracket and each NOT whose operand has
 * not ended counts one level; a NOT directly followed by `(` counts once with it, so the canonical
 * form of `NOT NOT a EQ 1`, `NOT (NOT (a EQ 1))`, is as deep as what it was printed from.
 */
export function findTooDeep(tokens: readonly IToken[], maxDepth: number): number {
  // frames: 0 = NOT, 1 = bracket (or NOT with its bracket)
  const frames: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const idx = tokens[i]!.tokenTypeIdx;
    if (idx === LPAREN_IDX || (idx === NOT_IDX && !notIsField(tokens, i))) {
      const withBracket = idx === NOT_IDX && tokens[i + 1]?.tokenTypeIdx === LPAREN_IDX;
      frames.push(idx === LPAREN_IDX || withBracket ? 1 : 0);
      if (frames.length > maxDepth) return i;
      if (withBracket) i++;
    } else if (idx === RPAREN_IDX) {
      while (frames.length > 0 && frames[frames.length - 1] === 0) frames.pop();
      if (frames.length > 0) frames.pop();
      while (frames.length > 0 && frames[frames.length - 1] === 0) frames.pop();
    } else if (idx === AND_IDX || idx === OR_IDX) {
      while (frames.length > 0 && frames[frames.length - 1] === 0) frames.pop();
    }
  }
  return -1;
}
