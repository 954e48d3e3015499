/// <reference types="node" />
/**
 * Who may log in to `vmfilter serve`: `--users` or the one default user.
 * @module
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../cli/command.js";

/** A user of the local server. */
export interface ServeUser {
  readonly id: number;
  readonly email: string;
  readonly password: string;
}

/** The user accepted without `--users`. */
export const DEFAULT_USER: ServeUser = { id: 1, email: "admin@example.com", password: "admin" };

/** Reads `--users`: a JSON array of `{ "email", "password" }` (ids are given in order from 1). */
export function loadUsers(file: string | undefined): ServeUser[] {
  if (file === undefined) return [DEFAULT_USER];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    // readFileSync and JSON.parse throw Errors
    throw new UsageError(`Cannot read the users file ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(data) || data.length === 0) throw new UsageError(`${file} must hold a non-empty array of { "email": …, "password": … }.`);
  return data.map((user: unknown, index) => {
    const { email, password } = (typeof user === "object" && user !== null ? user : {}) as { email?: unknown; password?: unknown };
    if (typeof email !== "string" || email === "" || typeof password !== "string") throw new UsageError(`${file}[${index}] must be { "email": "…", "password": "…" }.`);
    return { id: index + 1, email, password };
  });
}
