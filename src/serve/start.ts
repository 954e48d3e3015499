/// <reference types="node" />
/**
 * Starting `vmfilter serve` from its settings: the data loaded (and written to SQLite with
 * `--sqlite`), the users, the server listening. Loaded by `command.ts` when the command runs.
 * @module
 */
import { UsageError } from "../cli/command.js";
import type { ServeSettings } from "./command.js";
import { loadEntities } from "./data.js";
import { startServer, type RunningServer } from "./server.js";
import { MemoryStore, type EntityStore } from "./store.js";
import { DEFAULT_USER, loadUsers, type ServeUser } from "./users.js";

/** A server started from settings, with what it serves described for the start-up message. */
export interface StartedServe {
  readonly server: RunningServer;
  /** One line per entity: `/vm/v3/host  120 records, schema vm.host`. */
  readonly endpoints: readonly string[];
  /** The user to log in as when there is no `--users`. */
  readonly defaultUser: ServeUser | undefined;
  /** Stops the server, then closes the SQLite file. */
  close(): Promise<void>;
}

/** Loads the data (into SQLite with `--sqlite`) and starts the server. Throws {@link UsageError} for bad files. */
export async function startServe(settings: ServeSettings): Promise<StartedServe> {
  const entities = loadEntities(settings.data, settings.schema);
  const users = loadUsers(settings.users);
  let stores: ReadonlyMap<string, EntityStore>;
  let closeStores = () => {};
  if (settings.sqlite !== undefined) {
    const { openSqliteStores } = await import("./sqlite-store.js");
    const sqlite = await openSqliteStores(settings.sqlite, entities);
    stores = sqlite.stores;
    closeStores = sqlite.close;
  } else {
    stores = new Map(entities.map((e) => [e.path, new MemoryStore(e)]));
  }
  let server: RunningServer;
  try {
    server = await startServer({
      entities,
      stores,
      users,
      port: settings.port,
      wake503: settings.wake503,
      tokenIdleMs: settings.tokenIdleMs,
      ...(settings.maxLimitCount === undefined ? {} : { limits: { maxLimitCount: settings.maxLimitCount } }),
      ...(settings.cors === undefined ? {} : { cors: settings.cors }),
    });
  } catch (error) {
    closeStores();
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE" || code === "EACCES") throw new UsageError(`Cannot listen on 127.0.0.1:${settings.port}: ${(error as Error).message}`);
    throw error;
  }
  const where = settings.sqlite !== undefined ? `SQLite ${settings.sqlite}` : "in memory";
  return {
    server,
    defaultUser: settings.users === undefined ? DEFAULT_USER : undefined,
    endpoints: entities.map((e) => `/${e.path}  ${e.records.length} record${e.records.length === 1 ? "" : "s"}${e.schema?.name ? `, schema ${e.schema.name}` : ""}, ${where}`),
    close: async () => {
      await server.close();
      closeStores();
    },
  };
}

