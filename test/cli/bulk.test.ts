/// <reference types="node" />
/**
 * Bulk mode at scale, through the real binary: 100 000 generated lines (good, with warnings,
 * broken, blank) through `format --file`, and 100 000 JSONL lines through `--field`. Every line
 * keeps its place on stdout, the summary's counts are exact, every broken line is reported with
 * its line number, and memory stays flat: the children run with a 48 MB heap limit (holding the
 * input, the results or the output would not fit) and report their peak RSS, which must not grow
 * with a ten times bigger file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { format } from "../../src/print/format.js";
import { hasErrors } from "../../src/syntax/diagnostics.js";
import { parse } from "../../src/syntax/parse.js";
import { linesOf, requireBuild, runCli } from "../helpers/cli.js";

const LINES = 100_000;
const HEAP_MB = 48;

/** mulberry32, as bench/inputs.mjs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "good" | "warning" | "bad" | "blank";

// Filters of each kind (none is in canonical form, so every good line changes).
const TEMPLATES: Record<Exclude<Kind, "blank">, ((i: number) => string)[]> = {
  good: [
    (i) => `id eq ${i}`,
    (i) => `name cp '%web-${i % 97}%' and state eq 'active'`,
    (i) => `where=(cluster.id+EQ+${i % 13})+AND+NOT+(state+EQ+'stopped')&orderby=name+desc&limit=0,50`,
    (i) => `(ip4.ip CP '10.${i % 256}.%') or (domain is null)`,
    (i) => `not (is_protected EQ true) and ram_mib ge ${i} and node.name eq 'Узел ${i % 7}'`,
  ],
  // raw % in a query string: kept, with an invalid-percent-escape warning
  warning: [(i) => `where=name cp '%web%' and id gt ${i}`],
  bad: [(i) => `name cp web${i}`, (i) => `(id EQ ${i}`, (i) => `state = 'active' and id eq ${i}`, () => `id eq`],
};
const BLANKS = ["", "   ", "\t"];

/** `count` lines of mixed kinds from a fixed seed. */
function generate(count: number, seed: number): { texts: string[]; kinds: Kind[] } {
  const rnd = prng(seed);
  const texts: string[] = [];
  const kinds: Kind[] = [];
  for (let i = 1; i <= count; i++) {
    const r = rnd();
    const kind: Kind = r < 0.8 ? "good" : r < 0.83 ? "warning" : r < 0.93 ? "bad" : "blank";
    const text = kind === "blank" ? BLANKS[i % BLANKS.length]! : TEMPLATES[kind][Math.floor(rnd() * TEMPLATES[kind].length)]!(i);
    texts.push(text);
    kinds.push(kind);
  }
  return { texts, kinds };
}

const counts = (kinds: readonly Kind[]) => ({
  good: kinds.filter((k) => k === "good").length,
  warning: kinds.filter((k) => k === "warning").length,
  bad: kinds.filter((k) => k === "bad").length,
  blank: kinds.filter((k) => k === "blank").length,
});

/** The exact summary line, up to the timing in brackets. */
function summary(kinds: readonly Kind[], badLines = counts(kinds).bad): string {
  const c = counts(kinds);
  return `vmfilter format: ${kinds.length} lines: ${c.good + c.warning} ok (${c.warning} with warnings), ${badLines} with errors, ${c.blank} blank (`;
}

/** The line numbers `file:line:col` messages on stderr name. */
function reportedLines(stderr: string, path: string): Set<number> {
  const lines = new Set<number>();
  const prefix = `${path}:`;
  for (const line of linesOf(stderr)) {
    if (!line.startsWith(prefix)) continue;
    const m = /^(\d+):(\d+) {2}(error|warning|info|hint) /.exec(line.slice(prefix.length));
    if (m) lines.add(Number(m[1]));
  }
  return lines;
}

let dir = "";
let preload = "";

/** `format` under the heap limit, reporting the child's peak RSS (KB) through a preloaded hook. */
async function formatRun(args: string[], discardStdout = false): Promise<{ code: number | null; stdout: string; stdoutBytes: number; stderr: string; maxRssMb: number }> {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}.txt`);
  const r = await runCli(["format", ...args], { nodeOptions: [`--max-old-space-size=${HEAP_MB}`, "--require", preload], env: { VMFILTER_TEST_RSS: rssFile }, discardStdout });
  if (r.code !== 0 && r.code !== 1) throw new Error(`format failed (${r.code ?? r.signal}):\n${r.stderr.slice(-2000)}`);
  return { ...r, maxRssMb: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), "vmfilter-bulk-"));
  preload = join(dir, "max-rss.cjs");
  writeFileSync(preload, `process.on("exit", () => require("fs").writeFileSync(process.env.VMFILTER_TEST_RSS, String(process.resourceUsage().maxRSS)));\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the generator", () => {
  it("makes lines of the kind it says", () => {
    for (const [kind, templates] of Object.entries(TEMPLATES)) {
      for (const template of templates) {
        for (const i of [1, 58_000, 99_999]) {
          const { diagnostics } = parse(template(i));
          const found: Kind = hasErrors(diagnostics) ? "bad" : diagnostics.some((d) => d.severity === "warning") ? "warning" : "good";
          expect(found, template(i)).toBe(kind);
          if (kind === "good") expect(diagnostics, template(i)).toEqual([]);
        }
      }
    }
  });
});

// One after the other: each child has a core to itself, so the peak RSS figures are comparable.
describe("100 000 lines", () => {
  const { texts, kinds } = generate(LINES, 20261128);
  const text = `${texts.join("\n")}\n`;
  let first: Awaited<ReturnType<typeof formatRun>> | undefined;

  it("format --file: every line in place, exact summary, every broken line reported, exit 1", { timeout: 90_000 }, async () => {
    const path = join(dir, "searches.txt");
    writeFileSync(path, text);
    const r = await formatRun(["--file", path]);
    first = r;
    expect(r.code).toBe(1);
    const out = linesOf(r.stdout);
    expect(out).toHaveLength(LINES);
    for (let i = 0; i < LINES; i++) {
      const kind = kinds[i]!;
      if (kind === "bad" || kind === "blank") {
        if (out[i] !== texts[i]) expect(`line ${i + 1}: ${out[i]}`).toBe(`line ${i + 1}: ${texts[i]}`);
      } else if (out[i] === texts[i] || (i % 101 === 0 && out[i] !== format(parse(texts[i]!).query))) {
        expect(`line ${i + 1}: ${out[i]}`).toBe(`line ${i + 1}: ${format(parse(texts[i]!).query)}`);
      }
    }
    const err = linesOf(r.stderr);
    expect(err.at(-1)!.startsWith(summary(kinds)), `${err.at(-1)}\nexpected ${summary(kinds)}`).toBe(true);
    // messages name exactly the broken lines and the lines with warnings
    const expected = new Set(kinds.flatMap((k, i) => (k === "bad" || k === "warning" ? [i + 1] : [])));
    expect(reportedLines(r.stderr, path)).toEqual(expected);
    expect(r.maxRssMb).toBeGreaterThan(0);
    process.stderr.write(`bulk: format --file, ${LINES} lines (${(text.length / 1e6).toFixed(1)} MB): peak RSS ${r.maxRssMb.toFixed(0)} MB; ${err.at(-1)}\n`);
  });

  it("--jobs: the same output and messages from one thread and from 2 and 3 threads (1 and 2 workers)", { timeout: 90_000 }, async () => {
    if (!first) throw new Error("runs after the test above");
    const path = join(dir, "searches.txt");
    const withoutTiming = (stderr: string) => stderr.replace(/ \([\d.]+ s, [\d,]+ lines\/s\)\n$/, "\n");
    // the run above used `--jobs auto`: compare it with set numbers of threads
    for (const jobs of ["1", "2", "3"]) {
      const r = await formatRun(["--file", path, "--jobs", jobs]);
      expect(r.code, `--jobs ${jobs}`).toBe(1);
      expect(r.stdout === first.stdout, `--jobs ${jobs}: stdout differs`).toBe(true);
      expect(withoutTiming(r.stderr) === withoutTiming(first.stderr), `--jobs ${jobs}: stderr differs`).toBe(true);
    }
  });

  it("memory stays flat: a file with ten times the lines (1 000 000, 95 MB) has the same peak RSS", { timeout: 90_000 }, async () => {
    if (!first) throw new Error("runs after the test above");
    // the same 100 000 lines, then 900 000 lines of 100 spaces: ten times the lines, twenty times
    // the bytes, cheap to process so the run stays short; all go through the reader and the writer
    const big = join(dir, "big.txt");
    const padding = `${" ".repeat(100)}\n`;
    await new Promise<void>((resolve, reject) => {
      const stream = createWriteStream(big);
      stream.on("error", reject);
      stream.write(text);
      for (let block = 0; block < 90; block++) stream.write(padding.repeat(10_000));
      stream.end(resolve);
    });
    const a = first!; // the run above, on the 100 000 lines alone (one thread)
    const b = await formatRun(["--file", big, "--jobs", "1"], true);
    expect([a.code, b.code]).toEqual([1, 1]);
    const c = counts(kinds);
    expect(linesOf(b.stderr).at(-1)).toContain(`vmfilter format: ${LINES * 10} lines: ${c.good + c.warning} ok (${c.warning} with warnings), ${c.bad} with errors, ${c.blank + 900_000} blank (`);
    expect(b.stdoutBytes).toBe(a.stdoutBytes + 900_000 * padding.length); // every line written back
    process.stderr.write(`bulk: peak RSS ${a.maxRssMb.toFixed(0)} MB for ${(text.length / 1e6).toFixed(0)} MB, ${b.maxRssMb.toFixed(0)} MB for ${((text.length + 900_000 * padding.length) / 1e6).toFixed(0)} MB (heap limit ${HEAP_MB} MB)\n`);
    // The extra 900 000 lines are 91 MB: held in memory, they alone would add more than the whole
    // heap limit (and the child would die of it). What moves the figure is when V8 collects
    // within its 48 MB, so the margin is that limit.
    expect(b.maxRssMb).toBeLessThan(a.maxRssMb + HEAP_MB);
    // on two threads (`--jobs auto` for a file this big: this one and a worker) memory is bounded
    // too: each thread holds at most two blocks of lines and a heap of its own, whatever the file's size
    const parallel = await formatRun(["--file", big], true);
    expect(parallel.code).toBe(1);
    expect(parallel.stdoutBytes).toBe(b.stdoutBytes);
    process.stderr.write(`bulk: peak RSS ${parallel.maxRssMb.toFixed(0)} MB for the 95 MB file with --jobs auto\n`);
    expect(parallel.maxRssMb).toBeLessThan(a.maxRssMb + 3 * HEAP_MB);
  });

  it("--field: 100 000 JSONL lines, unreadable ones failing with their line number", { timeout: 90_000 }, async () => {
    const rnd = prng(7);
    const lines: string[] = [];
    const expectedOut: string[] = [];
    const jsonKinds: Kind[] = [];
    let unreadable = 0;
    for (let i = 0; i < LINES; i++) {
      const r = rnd();
      if (r < 0.01) {
        // not JSON, no "where" member, or not a string
        const line = [`{"id": ${i}, "where": "id eq 1"`, JSON.stringify({ id: i, name: `search ${i}` }), JSON.stringify({ id: i, where: null })][i % 3]!;
        lines.push(line);
        expectedOut.push(line);
        jsonKinds.push("bad");
        unreadable++;
      } else if (kinds[i] === "blank") {
        lines.push(texts[i]!);
        expectedOut.push(texts[i]!);
        jsonKinds.push("blank");
      } else {
        lines.push(JSON.stringify({ id: i + 1, name: `search ${i + 1}`, where: texts[i], owner: { id: i % 50 } }));
        expectedOut.push(kinds[i] === "bad" ? texts[i]! : "");
        jsonKinds.push(kinds[i]!);
      }
    }
    const path = join(dir, "searches.jsonl");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const r = await formatRun(["--file", path, "--field", "where"]);
    expect(r.code).toBe(1);
    const out = linesOf(r.stdout);
    expect(out).toHaveLength(LINES);
    for (let i = 0; i < LINES; i++) {
      // good lines: the canonical filter; the others unchanged (the filter, or the line that has none)
      const want = jsonKinds[i] === "good" || jsonKinds[i] === "warning" ? undefined : expectedOut[i];
      if (want !== undefined && out[i] !== want) expect(`line ${i + 1}: ${out[i]}`).toBe(`line ${i + 1}: ${want}`);
      if (want === undefined && (out[i]!.startsWith("{") || out[i] === "")) expect(`line ${i + 1}: ${out[i]}`).toBe(`line ${i + 1}: a filter`);
    }
    const err = linesOf(r.stderr);
    expect(err.at(-1)!.startsWith(summary(jsonKinds)), `${err.at(-1)}\nexpected ${summary(jsonKinds)}`).toBe(true);
    expect(err.filter((l) => l.includes("  error cli-bad-line  "))).toHaveLength(unreadable);
    const expected = new Set(jsonKinds.flatMap((k, i) => (k === "bad" || k === "warning" ? [i + 1] : [])));
    expect(reportedLines(r.stderr, path)).toEqual(expected);
    process.stderr.write(`bulk: --field, ${LINES} JSONL lines: peak RSS ${r.maxRssMb.toFixed(0)} MB; ${err.at(-1)}\n`);
  });

  it("--format sarif: one valid log for 30 000 lines, a result per diagnostic at its file line", { timeout: 90_000 }, async () => {
    const part = 30_000;
    const path = join(dir, "sarif.txt");
    writeFileSync(path, `${texts.slice(0, part).join("\n")}\n`);
    const r = await formatRun(["--file", path, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(log.version).toBe("2.1.0");
    const results = log.runs[0]!.results;
    const lines = new Set(results.map((x) => x.locations[0]!.physicalLocation.region.startLine));
    expect(lines).toEqual(new Set(kinds.slice(0, part).flatMap((k, i) => (k === "bad" || k === "warning" ? [i + 1] : []))));
    expect(new Set(log.runs[0]!.tool.driver.rules.map((rule) => rule.id))).toEqual(new Set(results.map((x) => x.ruleId)));
    expect(linesOf(r.stderr)).toHaveLength(1); // the summary only
    expect(r.stderr.startsWith(summary(kinds.slice(0, part)))).toBe(true);
  });
});
