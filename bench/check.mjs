/**
 * The benchmark's fairness check, run by bench/run.mjs before any case: on every input of
 * bench/inputs.mjs (small, medium and large),
 * - vmfilter reports no diagnostics (so no error path is timed),
 * - vmfilter's `toQueryString` prints the input back unchanged (the inputs are canonical),
 * - the baseline's tree equals vmfilter's exactly, ignoring nothing: same keys, kinds, values,
 *   raw texts, array lengths and locations.
 * `node bench/check.mjs` runs it alone.
 */

/** The first difference between two values, as a path and both sides, or null when equal. */
export function firstDifference(a, b, path = "$") {
  if (Object.is(a, b)) return null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return { path, vmfilter: a, baseline: b };
  if (Array.isArray(a) !== Array.isArray(b)) return { path, vmfilter: a, baseline: b };
  const at = (k) => (Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (const k of ka) if (!Object.hasOwn(b, k)) return { path: at(k), vmfilter: a[k], baseline: "(missing)" };
  for (const k of kb) if (!Object.hasOwn(a, k)) return { path: at(k), vmfilter: "(missing)", baseline: b[k] };
  for (const k of ka) {
    const d = firstDifference(a[k], b[k], at(k));
    if (d) return d;
  }
  return null;
}

function short(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** The node of `tree` at a path such as `$.where.operands[3].loc.start`, minus the last `up` steps. */
function nodeAt(tree, path, up) {
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? [];
  let node = tree;
  for (const step of steps.slice(0, Math.max(0, steps.length - up))) {
    node = node?.[step.startsWith(".") ? step.slice(1) : Number(step.slice(1, -1))];
  }
  return node;
}

/** Describes where a difference lies in the raw input, from the nearest node with a location. */
function context(input, tree, path) {
  for (let up = 0; up < 6; up++) {
    const loc = nodeAt(tree, path, up)?.loc;
    if (loc && typeof loc.start === "number") return `vmfilter node at raw [${loc.start}, ${loc.end}): ${short(input.slice(loc.start, loc.end))}`;
  }
  return "";
}

/** Checks that the comparison is fair; returns a list of problems (empty when all is well). */
export async function selfCheck() {
  const problems = [];
  let vm;
  try {
    vm = await import("../dist/index.js");
  } catch (error) {
    return [`cannot load ../dist/index.js (run npm run build): ${error.message}`];
  }
  const { parse: baseline } = await import("./baseline-parser.mjs");
  const { makeInputs } = await import("./inputs.mjs");
  const options = { maxLength: 1 << 20 }; // as parse.bench.mjs: the large input exceeds the default
  for (const { name, input } of makeInputs()) {
    const { query, diagnostics } = vm.parse(input, options);
    if (diagnostics.length > 0) problems.push(`${name}: vmfilter reports ${diagnostics.map((d) => `${d.code} at ${d.start}`).join(", ")}`);
    const printed = vm.toQueryString(query);
    if (printed !== input) {
      let at = 0;
      while (at < input.length && printed[at] === input[at]) at++;
      problems.push(`${name}: toQueryString(parse(input)) differs from the input at offset ${at}: ${short(input.slice(at, at + 40))} vs ${short(printed.slice(at, at + 40))}`);
    }
    let tree;
    try {
      tree = baseline(input);
    } catch (error) {
      problems.push(`${name}: the baseline throws: ${error.message}`);
      continue;
    }
    const diff = firstDifference(query, tree);
    if (diff) {
      problems.push(`${name}: trees differ at ${diff.path}: vmfilter ${short(diff.vmfilter)}, baseline ${short(diff.baseline)}; ${context(input, query, diff.path)}`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await selfCheck();
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? "self-check passed" : `self-check FAILED (${problems.length})`);
  process.exit(problems.length === 0 ? 0 : 1);
}
