/// <reference types="node" />
/**
 * The sessions of `vmfilter serve` on a test clock: session tokens die when unused for the idle
 * lifetime (each use restarts it), long-lived tokens at their `expires_at`, keys after one hour;
 * parseApiDate reads the API's date format.
 */
import { describe, expect, it } from "vitest";
import { parseApiDate, Sessions } from "../../src/serve/sessions.js";
import type { ServeUser } from "../../src/serve/users.js";

const ANN: ServeUser = { id: 1, email: "ann@example.com", password: "a" };
const BOB: ServeUser = { id: 2, email: "bob@example.com", password: "b" };

/** Sessions for Ann and Bob with a 1000 ms idle lifetime, on a clock the test moves. */
function sessions() {
  const clock = { now: Date.parse("2030-01-01T00:00:00Z") };
  return { clock, sessions: new Sessions([ANN, BOB], 1000, () => clock.now) };
}

describe("Sessions", () => {
  it("a login answers a session token for the user with the right password only", () => {
    const { sessions: s } = sessions();
    const session = s.login("bob@example.com", "b")!;
    expect(session).toEqual({ id: "1", token: expect.stringMatching(/^2-[0-9a-f-]{36}$/), expires_at: null, confirmed: true });
    expect(s.check(session.token)).toBe(BOB);
    expect([s.login("bob@example.com", "a"), s.login("nobody@example.com", "b"), s.login(undefined, undefined)]).toEqual([undefined, undefined, undefined]);
  });

  it("a session token dies when unused for longer than the idle lifetime; each use restarts it", () => {
    const { clock, sessions: s } = sessions();
    const { token } = s.login("ann@example.com", "a")!;
    clock.now += 1000;
    expect(s.check(token)).toBe(ANN); // exactly the lifetime: still good
    clock.now += 1000;
    expect(s.check(token)).toBe(ANN); // the use above restarted it
    clock.now += 1001;
    expect(s.check(token)).toBeUndefined();
    clock.now -= 2000;
    expect(s.check(token)).toBeUndefined(); // forgotten, not only late
  });

  it("no token, or one never issued, has no user", () => {
    const { sessions: s } = sessions();
    expect([s.check(undefined), s.check(""), s.check("1-00000000-0000-0000-0000-000000000000")]).toEqual([undefined, undefined, undefined]);
  });

  it("a long-lived token lives until its expires_at however long it is unused, and dies then", () => {
    const { clock, sessions: s } = sessions();
    const expires = clock.now + 5000;
    const made = s.createToken(ANN, expires);
    expect(made).toEqual({ id: "1", token: expect.stringMatching(/^1-/), expires_at: "2030-01-01 00:00:05", confirmed: true });
    clock.now += 4999;
    expect(s.check(made.token)).toBe(ANN);
    clock.now += 1;
    expect(s.check(made.token)).toBeUndefined();
  });

  it("a key is exchanged for a session of its user while it is under an hour old, as often as asked", () => {
    const { clock, sessions: s } = sessions();
    expect(s.createKey("nobody@example.com")).toBeUndefined();
    const { id, key } = s.createKey("bob@example.com")!;
    expect([id, key]).toEqual(["1", expect.stringMatching(/^2-[0-9a-f-]{36}$/)]);
    const first = s.exchangeKey(key)!;
    expect(first).toMatchObject({ id: "2", expires_at: null });
    expect(s.check(first.token)).toBe(BOB);
    clock.now += 3_599_999;
    expect(s.exchangeKey(key)?.token).toMatch(/^2-/);
    clock.now += 1;
    expect(s.exchangeKey(key)).toBeUndefined();
  });

  it("a key that is not a string, or not issued, gives no session", () => {
    const { sessions: s } = sessions();
    const { key } = s.createKey("ann@example.com")!;
    expect([s.exchangeKey(undefined), s.exchangeKey({ key }), s.exchangeKey(`${key}x`)]).toEqual([undefined, undefined, undefined]);
  });
});

describe("parseApiDate", () => {
  it("reads the API's format as UTC, with or without seconds, with a T, around spaces", () => {
    expect(parseApiDate("2030-01-31 00:00:00")).toBe(Date.UTC(2030, 0, 31));
    expect(parseApiDate(" 2030-01-31T12:30 ")).toBe(Date.UTC(2030, 0, 31, 12, 30));
  });

  it("reads other ISO 8601 text as Date.parse does (an offset is kept)", () => {
    expect(parseApiDate("2030-01-31T00:00:00+03:00")).toBe(Date.UTC(2030, 0, 30, 21));
    expect(parseApiDate("2030-01-31")).toBe(Date.UTC(2030, 0, 31));
  });

  it("anything else is NaN", () => {
    expect([parseApiDate("tomorrow"), parseApiDate("2030-13-45 00:00:00"), parseApiDate(1_900_000_000_000), parseApiDate(undefined)]).toEqual([NaN, NaN, NaN, NaN]);
  });
});
