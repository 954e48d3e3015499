/**
 * The benchmark's fairness self-check, run by bench/run.mjs before any case: on every input of
 * bench/inputs.mjs (small, medium, large and 1mb),
 * - vmfilter reports no diagnostics (so no error path is timed),
 * - vmfilter's `toQueryString` prints the input back unchanged (the inputs are canonical),
 * - the baseline's tree equals vmfilter's exactly, ignoring nothing: same keys, kinds, values,
 *   raw texts, array lengths and locations,
 * - each peer library (scim2-parse-filter, @rsql/parser, liqe, odata-v4-parser) parses the same
 *   filter in its own syntax without throwing, and its tree holds as many comparisons as
 *   vmfilter's (so every parser reads the same logical filter); not on the inputs where the parse
 *   case leaves a peer out (inputs.mjs `PEERS_LEFT_OUT`);
 * and the invalid medium input (bench/inputs.mjs `makeInvalidMedium`) gives vmfilter errors and
 * still a tree (the recovery path is what the invalid-parse case times).
 * `node bench/selfcheck.mjs` runs it alone. (`bench/check.mjs` is the regression check of the
 * targets, a different thing.)
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

/** Counts the nodes of a parsed tree (any shape) for which `isComparison(node)` holds. */
function countNodes(tree, isComparison) {
  let count = 0;
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (isComparison(node)) count++;
    for (const key in node) if (key !== "loc" && key !== "location") stack.push(node[key]);
  }
  return count;
}

const ODATA_COMPARISONS = new Set([
  "EqualsExpression", "NotEqualsExpression", "LesserThanExpression", "LesserOrEqualsExpression",
  "GreaterThanExpression", "GreaterOrEqualsExpression", "MethodCallExpression",
]);

/** The peer parsers and how to count the comparisons in their trees. */
export async function loadPeers() {
  const scim = await import("scim2-parse-filter");
  const rsql = await import("@rsql/parser");
  const liqe = await import("liqe");
  const odataModule = await import("odata-v4-parser");
  const odata = odataModule.default ?? odataModule;
  return {
    scim: { library: "scim2-parse-filter", parse: scim.parse, comparisons: (t) => countNodes(t, (n) => typeof n.attrPath === "string") },
    rsql: { library: "@rsql/parser", parse: rsql.parse, comparisons: (t) => countNodes(t, (n) => n.type === "COMPARISON") },
    liqe: { library: "liqe", parse: liqe.parse, comparisons: (t) => countNodes(t, (n) => n.type === "Tag") },
    odata: { library: "odata-v4-parser", parse: (text) => odata.query(text), comparisons: (t) => countNodes(t, (n) => ODATA_COMPARISONS.has(n.type)) },
  };
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
  const { makeInputs, makeInvalidMedium, PARSE_OPTIONS, PEERS_LEFT_OUT } = await import("./inputs.mjs");
  let peers = {};
  try {
    peers = await loadPeers();
  } catch (error) {
    problems.push(`cannot load the peer libraries (npm install): ${error.message}`);
  }
  for (const { name, input, comparisons, peers: texts } of makeInputs()) {
    const { query, diagnostics } = vm.parse(input, PARSE_OPTIONS);
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
    }
    if (tree) {
      const diff = firstDifference(query, tree);
      if (diff) {
        problems.push(`${name}: trees differ at ${diff.path}: vmfilter ${short(diff.vmfilter)}, baseline ${short(diff.baseline)}; ${context(input, query, diff.path)}`);
      }
    }
    const own = countNodes(query.where, (n) => n.kind === "Comparison" || n.kind === "IsNull");
    if (own !== comparisons) problems.push(`${name}: vmfilter's tree holds ${own} comparisons, the generator made ${comparisons}`);
    for (const [peer, { library, parse, comparisons: count }] of Object.entries(peers)) {
      if (PEERS_LEFT_OUT[name]?.includes(peer)) continue;
      let peerTree;
      try {
        peerTree = parse(texts[peer]);
      } catch (error) {
        problems.push(`${name}: ${library} throws on its text: ${String(error.message).slice(0, 200)}`);
        continue;
      }
      const n = count(peerTree);
      if (n !== comparisons) problems.push(`${name}: ${library}'s tree holds ${n} comparisons, not ${comparisons}`);
    }
  }
  const invalid = makeInvalidMedium();
  const broken = vm.parse(invalid.input, PARSE_OPTIONS);
  const errors = broken.diagnostics.filter((d) => d.severity === "error");
  if (errors.length < invalid.mistakes.length) problems.push(`${invalid.name}: vmfilter reports ${errors.length} errors for ${invalid.mistakes.length} mistakes`);
  if (!broken.query.where) problems.push(`${invalid.name}: vmfilter builds no tree, so the recovery path is not what is timed`);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await selfCheck();
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? "self-check passed" : `self-check FAILED (${problems.length})`);
  process.exit(problems.length === 0 ? 0 : 1);
}
