/// <reference types="node" />
/**
 * Runs the real `vmfilter` binary (`node dist/cli/main.js`, built by `npm test` before vitest) in
 * a child process, as a user's shell would: arguments, optional stdin, environment.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Fails with a clear message when dist/ was not built (`npm test` builds it; `npx vitest` alone does not). */
export function requireBuild(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` (npm test does it) before these tests.`);
}

/** Builds dist/ when the binary is missing (a stale one is not detected): for running one test file alone. */
export function buildIfMissing(): void {
  if (!existsSync(BIN)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** Bytes written to stdout (counted even when not kept). */
  readonly stdoutBytes: number;
  readonly stderr: string;
}

export interface CliOptions {
  /** Written to stdin, then stdin is closed (stdin is always a pipe, never a terminal). */
  readonly input?: string;
  /** Added to the environment (a value of undefined removes the variable). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Options for node before the script (e.g. `--max-old-space-size=48`). */
  readonly nodeOptions?: readonly string[];
  readonly cwd?: string;
  /** Count stdout's bytes but do not keep them (`stdout` is then ""). */
  readonly discardStdout?: boolean;
}

/** The environment of the children: no colour settings inherited from the test's own terminal. */
function childEnv(extra: CliOptions["env"]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs `node [nodeOptions] dist/cli/main.js ...args`; resolves when it exits. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return runProcess(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], options);
}

/** Runs any program the same way (`npx`, …). */
export function runProcess(command: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd ?? ROOT, env: childEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let stdoutBytes = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (!options.discardStdout) out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stdoutBytes, stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.on("error", () => {}); // a child that exits before reading all of stdin
    child.stdin.end(options.input ?? "");
  });
}

/** The lines of an output that ends with a newline (an empty output has none). */
export function linesOf(text: string): string[] {
  if (text === "") return [];
  if (!text.endsWith("\n")) throw new Error(`output does not end with a newline: ${JSON.stringify(text.slice(-80))}`);
  return text.slice(0, -1).split("\n");
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
