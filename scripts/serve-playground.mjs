#!/usr/bin/env node
/**
 * `npm run playground`: serves the built playground (playground-dist/) on loopback with node:http,
 * and prints its URL. The server is also a module: the browser test starts it on a random port.
 *
 *   node scripts/serve-playground.mjs [--port N] [--root DIR]     (PORT=N works too; default 5173)
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The default folder served: what `npm run build:playground` writes. */
export const PLAYGROUND_DIST = join(root, "playground-dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * Serves the files of `dir` on `host:port` (port 0: any free one). GET and HEAD only; `/` is
 * index.html; paths that leave `dir` are refused. Resolves to `{ server, url, close() }`.
 */
export async function servePlayground({ dir = PLAYGROUND_DIST, port = 0, host = "127.0.0.1" } = {}) {
  const base = resolve(dir);
  const server = createServer(async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      response.writeHead(400).end("bad request");
      return;
    }
    const file = resolve(join(base, path.endsWith("/") ? path + "index.html" : path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-store",
      });
      if (request.method === "HEAD") response.end();
      else createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    }
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => done(undefined));
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === "object" && address ? address.port : port}/`;
  const close = () => new Promise((done) => server.close(() => done(undefined)));
  return { server, url, close };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { port: { type: "string" }, root: { type: "string" } } });
  const port = Number(values.port ?? process.env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve-playground: not a port: ${values.port ?? process.env.PORT}`);
    process.exit(2);
  }
  try {
    await stat(join(values.root ?? PLAYGROUND_DIST, "index.html"));
  } catch {
    console.error(`serve-playground: no ${join(values.root ?? PLAYGROUND_DIST, "index.html")}; run npm run build:playground first`);
    process.exit(1);
  }
  const { url } = await servePlayground({ dir: values.root ?? PLAYGROUND_DIST, port });
  console.log(`vmfilter playground: ${url}  (Ctrl-C stops)`);
}
