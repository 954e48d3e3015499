import type { Server } from "node:http";

/** The default folder served: what `npm run build:playground` writes. */
export declare const PLAYGROUND_DIST: string;

/** A running playground server. */
export interface PlaygroundServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the files of `dir` on `host:port` (port 0: any free one). */
export declare function servePlayground(options?: { dir?: string; port?: number; host?: string }): Promise<PlaygroundServer>;
