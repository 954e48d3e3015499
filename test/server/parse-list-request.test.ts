/**
 * vmfilter/server parseListRequest: the filter of a request target, accepted as a query or
 * rejected with a 400 body in the API's error shape whose offsets point into the query string.
 */
import { describe, expect, it } from "vitest";
import { apply, format, schemas, toSql } from "../../src/index.js";
import { ApiCodes, ApiError, parseListRequest } from "../../src/server/index.js";

describe("parseListRequest", () => {
  it("reads where, orderby and limit from a request target and ignores other parameters", () => {
    const request = parseListRequest("/vm/v3/host?where=(name+CP+%27%25web%25%27)&fields=id,name&orderby=cluster.name+desc&limit=0,50");
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    expect(format(request.query)).toBe("where=(name CP '%web%')&orderby=cluster.name desc&limit=0,50&fields=id,name");
    const hosts = [
      { id: 1, name: "web-1", cluster: { id: 1, name: "a" } },
      { id: 2, name: "db", cluster: { id: 1, name: "a" } },
      { id: 3, name: "WEB-3", cluster: { id: 2, name: "b" } },
    ];
    expect(apply(request.query, hosts).list.map((h) => h.id)).toEqual([3, 1]);
    expect(toSql(request.query, { dialect: "sqlite", columns: { id: "id", name: "name", "cluster.name": { json: "cluster", path: "name" } } }).ok).toBe(true);
  });

  it("a request without a filter, or whose query string holds no parameter, is an empty query", () => {
    for (const target of ["/vm/v3/host", "/vm/v3/host?", "/vm/v3/host?id+EQ+1", "/vm/v3/host#where=x", "/vm/v3/host?current_instance=true"]) {
      const request = parseListRequest(target);
      expect(request.ok, target).toBe(true);
      if (request.ok) expect([request.query.where, request.query.orderBy, request.query.limit], target).toEqual([undefined, undefined, undefined]);
    }
  });

  it("rejects a syntax error with status 400, code 4001 and offsets into the query string as sent", () => {
    const target = "/vm/v3/host?limit=0,5&where=(id+EQ+)+AND+(state+EQ+active)";
    const request = parseListRequest(target);
    expect(request.ok).toBe(false);
    if (request.ok) return;
    expect(request.status).toBe(400);
    expect(request.body.error.code).toBe(ApiCodes.InvalidFilter);
    const query = target.slice(target.indexOf("?") + 1);
    expect(request.body.error.value.diagnostics.map((d) => [d.code, d.severity, query.slice(d.start, d.end), d.column])).toEqual([
      ["missing-value", "error", ")", 24],
      ["unquoted-value", "error", "active", 40],
    ]);
    expect(request.body.error.msg).toBe("Invalid filter: Expected a value after 'EQ', found ')'. (and 1 more error)");
  });

  it("checks the schema and the limits", () => {
    const unknown = parseListRequest("http://vm.example.com/vm/v3/host?where=nmae+EQ+'x'", { schema: schemas.vm.host });
    expect(unknown.ok === false && unknown.body.error.value.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["unknown-field", 6, 10]]);
    const page = parseListRequest("/vm/v3/host?limit=0,5000", { limits: { maxLimitCount: 1000 } });
    expect(page.ok === false && page.body.error.value.diagnostics.map((d) => d.code)).toEqual(["limit-too-large"]);
    const deep = parseListRequest(`/vm/v3/host?where=${"NOT+(".repeat(8)}id+EQ+1${")".repeat(8)}`, { limits: { maxNesting: 5 } });
    expect(deep.ok === false && deep.body.error.value.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["too-deep"]);
    expect(parseListRequest("/vm/v3/host?limit=0,5000").ok).toBe(true);
  });

  it("keeps warnings on an accepted request", () => {
    const request = parseListRequest("/vm/v3/host?where=name+cp+'web'", { schema: schemas.vm.host });
    expect(request.ok && request.diagnostics.map((d) => d.code).sort()).toEqual(["cp-without-wildcard", "keyword-case"]);
  });

  it("reads the query string up to a fragment; offsets stay those of the query string", () => {
    const request = parseListRequest("/vm/v3/host?where=(id+EQ+)#where=id+EQ+1");
    expect(request.ok === false && request.body.error.value.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["missing-value", 13, 14]]);
    const fine = parseListRequest("/vm/v3/host?where=id+EQ+1#where=(id+EQ+)");
    expect(fine.ok && format(fine.query)).toBe("where=(id EQ 1)");
  });

  it("rules raised to error reject the request; rules turned off drop their warnings", () => {
    const target = "/vm/v3/host?where=name+CP+'web'";
    const strict = parseListRequest(target, { schema: schemas.vm.host, rules: { "cp-without-wildcard": "error" } });
    expect(strict.ok === false && [strict.status, strict.body.error.value.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])]).toEqual([400, [["cp-without-wildcard", "error", 11, 13]]]); // at the CP
    const quiet = parseListRequest(target, { schema: schemas.vm.host, rules: { "cp-without-wildcard": "off" } });
    expect(quiet.ok && quiet.diagnostics).toEqual([]);
  });

  it("takes a URL object (its search, as the URL parser encoded it)", () => {
    const request = parseListRequest(new URL("http://x/vm/v3/host?where=id EQ 'a b'"));
    expect(request.ok && format(request.query)).toBe("where=(id EQ 'a b')");
  });

  it("ApiError makes the other error answers in the same shape", () => {
    expect(new ApiError(401, { code: ApiCodes.Unauthorized, msg: "Unauthorized" }).toBody()).toEqual({ error: { code: 3001, msg: "Unauthorized" } });
    const error = ApiError.fromAnswer(502, "<html>Bad gateway</html>", { statusText: "Bad Gateway" });
    expect([error.status, error.code, error.msg]).toEqual([502, ApiCodes.UnexpectedAnswer, "Unexpected answer (HTTP 502 Bad Gateway): <html>Bad gateway</html>"]);
    expect([ApiError.fromAnswer(503, "").code, ApiError.fromAnswer(503, { error: { code: 7, msg: "asleep" } }).code]).toEqual([ApiCodes.Unavailable, 7]);
  });
});
