/**
 * Nesting depth of a token stream, measured before parsing so that input nested deeper than the
 * parser's stack can take gives a diagnostic instead of a stack overflow. It runs on classified
 * tokens: a NOT that is a field name is no longer a `Not` token.
 * @module
 */
import type { IToken } from "chevrotain";
import { And, LParen, Not, Or, RParen } from "./tokens.js";

const NOT_IDX = Not.tokenTypeIdx!;
const LPAREN_IDX = LParen.tokenTypeIdx!;
const RPAREN_IDX = RParen.tokenTypeIdx!;
const AND_IDX = And.tokenTypeIdx!;
const OR_IDX = Or.tokenTypeIdx!;

/**
 * Finds the first token at which brackets and NOTs nest deeper than `maxDepth`; returns its index,
 * or -1 when the stream stays within the limit. Each open bracket and each NOT whose operand has
 * not ended counts one level. (`NOT (` is two levels: the parser recurses for both, and counting
 * it once let a cold parser overflow before the limit.)
 */
export function findTooDeep(tokens: readonly IToken[], maxDepth: number): number {
  // frames: 0 = NOT, 1 = bracket
  const frames: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const idx = tokens[i]!.tokenTypeIdx;
    if (idx === LPAREN_IDX || idx === NOT_IDX) {
      frames.push(idx === LPAREN_IDX ? 1 : 0);
      if (frames.length > maxDepth) return i;
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
