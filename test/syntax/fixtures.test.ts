import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/index.js";
import { fixtures } from "../fixtures/filters.js";

describe("fixture table", () => {
  it.each(fixtures.map((f) => [f.source, f.input, f] as const))("%s: %j", (_source, input, fixture) => {
    const { query, diagnostics } = parse(input);
    expect(format(query)).toBe(fixture.canonical);
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual(fixture.diagnostics);
  });
});
