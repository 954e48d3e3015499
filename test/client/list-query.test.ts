/**
 * listQueryString: the query string a list request sends, for every form of filter the client
 * takes, with the orderby / limit options added, and the TypeErrors of what it cannot send.
 */
import { describe, expect, it } from "vitest";
import { FilterSyntaxError, listQueryString } from "../../src/client/index.js";
import { filter, parse } from "../../src/index.js";

describe("listQueryString", () => {
  it("takes text, a Query node, an expression node, a builder and a condition, each in its canonical encoded form", () => {
    const f = filter();
    const condition = f.eq("state", "active");
    const where = "where=(state+EQ+'active')";
    expect(listQueryString("state eq 'active'")).toBe(where);
    expect(listQueryString(parse("where=state EQ 'active'").query)).toBe(where);
    expect(listQueryString(parse("where=state EQ 'active'").query.where!)).toBe(where);
    expect(listQueryString(f.where(condition))).toBe(where);
    expect(listQueryString(condition)).toBe(where);
    expect([listQueryString(undefined), listQueryString("")]).toEqual(["", ""]);
  });

  it("adds orderby keys (a key without a direction is asc) and a page (a count alone starts at 0)", () => {
    expect(listQueryString("where=id GT 5", { orderby: [["name", "desc"], ["id"], "cluster.name desc"], limit: 25 })).toBe("where=(id+GT+5)&orderby=name+desc,id+asc,cluster.name+desc&limit=0,25");
    expect(listQueryString(undefined, { orderby: "name", limit: [50, 25] })).toBe("orderby=name+asc&limit=50,25");
  });

  it("an orderby option for a filter with its own orderby is a TypeError (as for limit)", () => {
    expect(() => listQueryString("orderby=id desc", { orderby: "name" })).toThrow(new TypeError("list: the filter has its own orderby; give the sort in one place"));
    expect(() => listQueryString(filter().orderBy("id").limit(0, 5), { limit: 5 })).toThrow(new TypeError("list: the filter has its own limit; give the page in one place"));
  });

  it("a malformed orderby or limit option is a FilterSyntaxError", () => {
    expect(() => listQueryString(undefined, { orderby: "name sideways" })).toThrow(FilterSyntaxError);
    expect(() => listQueryString(undefined, { limit: [0, -1] })).toThrow(FilterSyntaxError);
  });

  it.each([
    ["null", null],
    ["number", 42],
    ["object", { where: "id EQ 1" }],
  ])("a filter that is %s is a TypeError naming its type", (type, value) => {
    expect(() => listQueryString(value as never)).toThrow(new TypeError(`list: the filter must be text, a Query or expression node, or a builder; got ${type}`));
  });
});
