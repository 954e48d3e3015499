/// <reference types="node" />
/**
 * `vmfilter serve`: a small VMmanager-compatible HTTP server on 127.0.0.1 for integration tests of
 * API clients. Like `vmfilter lsp` it is a long-running process with its own arguments and help;
 * this module only reads the command line; the data, the server and the core are loaded when it
 * starts (`start.ts`), so the other commands do not pay for them.
 * @module
 */
import { UsageError } from "../cli/command.js";
import { optionLines, parseOwnArgs, type OwnOption } from "../cli/own-args.js";
import type { Io } from "../cli/run.js";

const OPTIONS = {
  data: { type: "string", value: "file.json", description: 'the records: an array (with --schema), or { "vm/v3/host": [ … ], "<service>/<version>/<entity>": [ … ] } (required)' },
  schema: { type: "string", value: "name", description: "a built-in schema (vm.host, …): its entity is served at /vm/v3/host, its filters checked against it" },
  sqlite: { type: "string", value: "file.db", description: "write the records to this SQLite file and answer lists with SQL from toSql (needs better-sqlite3)" },
  port: { type: "string", value: "n", description: "the port on 127.0.0.1 (default 0: a free one; the address is printed)" },
  users: { type: "string", value: "file.json", description: 'who may log in: [{ "email": "…", "password": "…" }] (default admin@example.com / admin)' },
  "wake-503": { type: "string", value: "n", description: "answer the first n requests with 503, as an instance waking up (default 0)" },
  "token-ttl": { type: "string", value: "seconds", description: "how long an unused session token lives (default 3600, as the official page)" },
  "max-limit": { type: "string", value: "n", description: "reject a limit count above n (limit-too-large, HTTP 400)" },
  cors: { type: "string", value: "origin", description: "let browsers call it from this origin (http://localhost:5173, or *): CORS headers, preflights" },
  help: { type: "boolean", short: "h", description: "show this help" },
} as const satisfies Record<string, OwnOption>;

/** The `serve` command, as the overview lists it. */
export const serveCommand = {
  name: "serve",
  summary: "run a local VMmanager-compatible list API on 127.0.0.1 for testing clients (login, where/orderby/limit, 503)",
  usage: "serve --data <file.json> [--schema <name>] [--sqlite <file.db>] [--port <n>] [--users <file.json>] [--wake-503 <n>]",
} as const;

/** `vmfilter serve --help`. */
export function serveHelp(): string {
  return (
    `vmfilter ${serveCommand.usage}\n\n${serveCommand.summary}\n\n` +
    `It listens on 127.0.0.1 only and prints its address (http://127.0.0.1:PORT) on stdout; it runs until\n` +
    `interrupted (Ctrl-C, SIGTERM). Functions (each also under /api/):\n` +
    `  POST /auth/v4/public/token        log in with { "email", "password" }: { "id", "token" }\n` +
    `  POST /auth/v4/public/key          a session for a key (header isp-box-instance: true)\n` +
    `  POST /auth/v4/user/<email>/key    a key for a user;  POST /auth/v4/token  a token with { "expires_at" }\n` +
    `  GET  /<service>/<version>/<entity>?where=…&orderby=…&limit=…   { "list": [ … ], "size": n }\n` +
    `  GET  /<service>/<version>/<entity>/<id>                          one record\n` +
    `Without the x-xsrf-token header of a session: HTTP 401, code 3001. A bad filter: HTTP 400, code 4001,\n` +
    `with every diagnostic and its offsets into the query string. More: docs/client-server.md.\n\n` +
    `Options:\n${optionLines(OPTIONS, 26, " ")}\n\n` +
    `Examples:\n` +
    `  vmfilter serve --data hosts.json --schema vm.host\n` +
    `  vmfilter serve --data hosts.json --schema vm.host --port 8080 --wake-503 3\n` +
    `  vmfilter serve --data entities.json --sqlite /tmp/vm.db --users users.json\n`
  );
}

/** The settings the arguments give. */
export interface ServeSettings {
  readonly data: string;
  readonly schema: string | undefined;
  readonly sqlite: string | undefined;
  readonly port: number;
  readonly users: string | undefined;
  readonly wake503: number;
  readonly tokenIdleMs: number;
  readonly maxLimitCount: number | undefined;
  readonly cors: string | undefined;
}

function wholeNumber(values: Record<string, unknown>, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= max)) throw new UsageError(`--${name} takes a whole number${max < Number.MAX_SAFE_INTEGER ? ` from 0 to ${max}` : ""}; got ${JSON.stringify(value)}.`);
  return n;
}

/** `--cors`: `*` or an origin (`scheme://host[:port]`, no path). */
function corsOption(value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === "*") return value;
  let origin: string | undefined;
  try {
    origin = typeof value === "string" ? new URL(value).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === "null" || origin !== String(value).replace(/\/$/, "")) throw new UsageError(`--cors takes * or an origin such as http://localhost:5173; got ${JSON.stringify(value)}.`);
  return origin;
}

/** Reads the arguments; a missing, unknown or malformed option is a {@link UsageError}. */
export function parseServeArgs(args: readonly string[]): { readonly help: true } | { readonly help: false; readonly settings: ServeSettings } {
  const { values, positionals } = parseOwnArgs(args, OPTIONS);
  if (values.help === true) return { help: true };
  if (positionals.length > 0) throw new UsageError(`serve takes no filter or other argument (got ${JSON.stringify(positionals[0])}); give the records with --data.`);
  if (typeof values.data !== "string" || values.data === "") throw new UsageError("Give the records to serve: --data <file.json>.");
  const ttl = values["token-ttl"];
  const seconds = typeof ttl === "string" && /^\d+(?:\.\d+)?$/.test(ttl) ? Number(ttl) : ttl === undefined ? 3600 : NaN;
  if (!(seconds > 0)) throw new UsageError(`--token-ttl takes a number of seconds above 0; got ${JSON.stringify(ttl)}.`);
  return {
    help: false,
    settings: {
      data: values.data,
      schema: typeof values.schema === "string" ? values.schema : undefined,
      sqlite: typeof values.sqlite === "string" ? values.sqlite : undefined,
      port: wholeNumber(values, "port", 0, 65535),
      users: typeof values.users === "string" ? values.users : undefined,
      wake503: wholeNumber(values, "wake-503", 0),
      tokenIdleMs: seconds * 1000,
      maxLimitCount: values["max-limit"] === undefined ? undefined : wholeNumber(values, "max-limit", 0),
      cors: corsOption(values.cors),
    },
  };
}

/**
 * Runs `vmfilter serve <args>`: the help (exit 0), or the server until SIGINT or SIGTERM (exit 0).
 * What it serves and how to log in go to stderr, then its address to stdout, alone on a line.
 */
export async function runServe(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseServeArgs(args);
  if (parsed.help) {
    io.stdout.write(serveHelp());
    return 0;
  }
  const { startServe } = await import("./start.js");
  const started = await startServe(parsed.settings);
  io.stderr.write(
    `vmfilter serve: listening on ${started.server.url} (loopback only)\n` +
      started.endpoints.map((line) => `  ${line}\n`).join("") +
      (started.defaultUser ? `  no --users: log in as ${started.defaultUser.email} / ${started.defaultUser.password}\n` : "") +
      (parsed.settings.cors !== undefined ? `  browsers may call it from ${parsed.settings.cors} (CORS)\n` : "") +
      (parsed.settings.wake503 > 0 ? (parsed.settings.wake503 === 1 ? "  the first request gets 503\n" : `  the first ${parsed.settings.wake503} requests get 503\n`) : "") +
      `  stop with Ctrl-C\n`,
  );
  // the address last: a program that waits for it finds the start-up message complete
  io.stdout.write(`${started.server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await started.close();
  return 0;
}
