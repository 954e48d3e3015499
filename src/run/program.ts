/**
 * A compiled filter as a program: its conditions in reading order, each with where to go when it
 * answers yes and when it answers no (the next condition, or the end: keep or drop). This is the
 * "jumping code" compilers make of AND / OR chains: short-circuit evaluation becomes jumps, so a
 * record is decided by one loop over conditions, with no function call per AND, OR or NOT and
 * no recursion, however deep the tree. (Building the program recurses once per level, up to
 * `maxDepth`, as the closure compiler before it did.)
 *
 * Three-valued logic needs no third answer here. Each node is compiled for the truth asked of it
 * (`wanted`): the filter asks for true, a NOT asks its operand for false. With SQL's logic, AND is
 * true when every operand is true and false when some operand is false, OR the other way round,
 * and unknown is neither, so each node is "all of" or "any of" its operands for the truth asked.
 * @module
 */
import type { ComparisonNode, Expression, IsNullNode } from "../syntax/ast.js";
import { holds, holdsGenerally, type Condition } from "./conditions.js";
import { isRecordObject } from "./record.js";
import { FilterRunError, RunCodes } from "./diagnostics.js";

/** Where a program ends: the record is kept, or dropped (every other jump target is an index). */
const enum End {
  Accept = -1,
  Reject = -2,
}

/**
 * Builds the program of one tree. `condition(node, wanted)` makes the condition of a comparison
 * or IS null node. Trees deeper than `maxDepth` throw `run-too-deep`; anything that is not an
 * expression node throws `run-invalid-input`.
 * @internal
 */
export function buildProgram(root: Expression, condition: (node: ComparisonNode | IsNullNode, wanted: boolean) => Condition, maxDepth: number): Condition[] {
  const program: Condition[] = [];
  // Jump targets not known yet (the start of the next operand) are labels, resolved at the end.
  const yesOf = new Map<Condition, Label>();
  const noOf = new Map<Condition, Label>();

  /** Emits `node`, asked for truth `wanted`: jumps to `yes` when its truth is that, else to `no`. */
  const emit = (node: Expression, wanted: boolean, yes: Label, no: Label, depth: number): void => {
    if (depth > maxDepth) throw new FilterRunError(RunCodes.TooDeep, `The filter nests deeper than ${maxDepth} levels.`);
    switch (node.kind) {
      case "Comparison":
      case "IsNull": {
        const c = condition(node, wanted);
        program.push(c);
        yesOf.set(c, yes);
        noOf.set(c, no);
        return;
      }
      case "Not":
        return emit(node.operand, !wanted, yes, no, depth + 1);
      case "And":
      case "Or": {
        const operands = node.operands;
        if (!Array.isArray(operands) || operands.length === 0) throw new FilterRunError(RunCodes.InvalidInput, "An AND or OR node needs operands.");
        // AND asked for true, OR asked for false: all of the operands; else any of them
        const all = (node.kind === "And") === wanted;
        for (let i = 0; i < operands.length - 1; i++) {
          const next: Label = { at: End.Reject };
          if (all) emit(operands[i]!, wanted, next, no, depth + 1);
          else emit(operands[i]!, wanted, yes, next, depth + 1);
          next.at = program.length;
        }
        return emit(operands[operands.length - 1]!, wanted, yes, no, depth + 1);
      }
      default:
        throw new FilterRunError(RunCodes.InvalidInput, `Not an expression node: kind ${JSON.stringify((node as { kind?: unknown }).kind)}.`);
    }
  };

  emit(root, true, { at: End.Accept }, { at: End.Reject }, 1);
  for (const c of program) {
    c.yes = yesOf.get(c)!.at;
    c.no = noOf.get(c)!.at;
  }
  return program;
}

/** A jump target: a condition's index, or an End. */
interface Label {
  at: number;
}

/** Runs a program on a record: true when it ends in End.Accept. @internal */
export function runProgram(program: readonly Condition[], record: unknown): boolean {
  // the conditions' own shapes read members of a record object; anything else (null, a number,
  // an array) has no members and goes the general way
  if (!isRecordObject(record)) return runGenerally(program, record);
  let at = 0;
  for (;;) {
    const c = program[at]!;
    at = holds(c, record) ? c.yes : c.no;
    if (at < 0) return at === End.Accept;
  }
}

function runGenerally(program: readonly Condition[], record: unknown): boolean {
  let at = 0;
  for (;;) {
    const c = program[at]!;
    at = holdsGenerally(c, record) ? c.yes : c.no;
    if (at < 0) return at === End.Accept;
  }
}
