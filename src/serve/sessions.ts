/// <reference types="node" />
/**
 * The sessions of `vmfilter serve`: tokens from a login or a key, each deleted when unused for the
 * idle lifetime (60 minutes by default, as the official page says), and long-lived tokens with
 * their own `expires_at`.
 * @module
 */
import { randomUUID } from "node:crypto";
import { apiDate } from "../client/client.js";
import type { ServeUser } from "./users.js";

/** A token as the login answers it: `{ id, token, expires_at, confirmed }`. */
export interface SessionAnswer {
  readonly id: string;
  readonly token: string;
  readonly expires_at: string | null;
  readonly confirmed: true;
}

interface Session {
  readonly user: ServeUser;
  /** Idle sessions: the last use (ms); long-lived ones: undefined. */
  lastUse: number | undefined;
  /** Long-lived tokens: the end (ms). */
  readonly expires: number | undefined;
}

/** How long a key is good for (the official page: one hour). */
const KEY_LIFETIME_MS = 3_600_000;

/** The tokens and keys of one server. */
export class Sessions {
  private readonly tokens = new Map<string, Session>();
  private readonly keys = new Map<string, { readonly user: ServeUser; readonly expires: number }>();
  private nextId = 1;

  /**
   * @param users who may log in
   * @param idleMs how long an unused session token lives
   * @param now the clock (ms)
   */
  constructor(
    private readonly users: readonly ServeUser[],
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private issue(user: ServeUser, expires: number | undefined): SessionAnswer {
    const token = `${user.id}-${randomUUID()}`;
    this.tokens.set(token, { user, lastUse: expires === undefined ? this.now() : undefined, expires });
    return { id: String(this.nextId++), token, expires_at: expires === undefined ? null : apiDate(expires), confirmed: true };
  }

  /** `POST /auth/v4/public/token`: a session for a user's email and password, or undefined. */
  login(email: unknown, password: unknown): SessionAnswer | undefined {
    const user = this.users.find((u) => u.email === email && u.password === password);
    return user ? this.issue(user, undefined) : undefined;
  }

  /** `POST /auth/v4/user/<email>/key`: a key for a user (one hour), or undefined when there is no such user. */
  createKey(email: string): { readonly id: string; readonly key: string } | undefined {
    const user = this.users.find((u) => u.email === email);
    if (!user) return undefined;
    const key = `${user.id}-${randomUUID()}`;
    this.keys.set(key, { user, expires: this.now() + KEY_LIFETIME_MS });
    return { id: String(this.nextId++), key };
  }

  /** `POST /auth/v4/public/key`: a session for a key still good, or undefined. */
  exchangeKey(key: unknown): SessionAnswer | undefined {
    const entry = typeof key === "string" ? this.keys.get(key) : undefined;
    if (!entry || entry.expires <= this.now()) return undefined;
    return this.issue(entry.user, undefined);
  }

  /** `POST /auth/v4/token`: a token for the same user that lives until `expires` (ms). */
  createToken(user: ServeUser, expires: number): SessionAnswer {
    return this.issue(user, expires);
  }

  /** The user of a token that is still good (and marks it used), or undefined. */
  check(token: string | undefined): ServeUser | undefined {
    const session = token === undefined ? undefined : this.tokens.get(token);
    if (!session) return undefined;
    const now = this.now();
    const dead = session.expires !== undefined ? session.expires <= now : now - session.lastUse! > this.idleMs;
    if (dead) {
      this.tokens.delete(token!);
      return undefined;
    }
    if (session.lastUse !== undefined) session.lastUse = now;
    return session.user;
  }
}

/** Reads the API's date format (or ISO 8601) as UTC ms; NaN when it is neither. */
export function parseApiDate(text: unknown): number {
  if (typeof text !== "string") return NaN;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : Date.parse(text);
}
