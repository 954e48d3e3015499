/** ApiError and isApiErrorBody (src/validate/api-error.ts): the API's error shape on both sides. */
import { describe, expect, it } from "vitest";
import { ApiCodes, ApiError, isApiErrorBody } from "../../src/index.js";

describe("isApiErrorBody", () => {
  it("accepts an object whose error has a numeric code and a string msg, value or not", () => {
    expect(isApiErrorBody({ error: { code: 4001, msg: "Invalid filter" } })).toBe(true);
    expect(isApiErrorBody({ error: { code: 0, msg: "", value: [1] }, extra: true })).toBe(true);
  });

  it("refuses anything else", () => {
    for (const body of [null, undefined, "error", 4001, [], {}, { error: null }, { error: "x" }, { error: { code: "4001", msg: "m" } }, { error: { code: 4001 } }, { error: { code: 4001, msg: 5 } }]) {
      expect(isApiErrorBody(body), JSON.stringify(body)).toBe(false);
    }
  });
});

describe("ApiError", () => {
  const request = { method: "GET", url: "https://host/vm/v3/host?where=x" };

  it("says the message, code and status, and the request when there is one", () => {
    const error = new ApiError(400, { code: 4001, msg: "Invalid filter", value: { diagnostics: [] } }, { request });
    expect(error.message).toBe("Invalid filter (code 4001, HTTP 400) for GET https://host/vm/v3/host?where=x");
    expect([error.name, error.status, error.code, error.msg, error.value, error.request, error.cause]).toEqual(["ApiError", 400, 4001, "Invalid filter", { diagnostics: [] }, request, undefined]);
    const cause = new Error("socket hang up");
    const network = new ApiError(0, { code: ApiCodes.NetworkError, msg: "Network error" }, { cause });
    expect([network.message, network.cause, network.request]).toEqual(["Network error (code 5001, HTTP 0)", cause, undefined]);
  });

  it("answers with a body that has value only when there is one", () => {
    expect(new ApiError(404, { code: 4004, msg: "Not found" }).toBody()).toEqual({ error: { code: 4004, msg: "Not found" } });
    expect(Object.keys(new ApiError(404, { code: 4004, msg: "Not found" }).toBody().error)).toEqual(["code", "msg"]);
    expect(new ApiError(400, { code: 4001, msg: "m", value: 0 }).toBody()).toEqual({ error: { code: 4001, msg: "m", value: 0 } });
  });

  it("fromAnswer keeps an API-shaped body, else says Unavailable for 503 and Unexpected answer otherwise", () => {
    const kept = ApiError.fromAnswer(403, { error: { code: 3001, msg: "Unauthorized", value: "x" } }, { request });
    expect([kept.status, kept.code, kept.msg, kept.value, kept.request]).toEqual([403, 3001, "Unauthorized", "x", request]);
    const unavailable = ApiError.fromAnswer(503, "  <html>waking up</html>\n", { statusText: "Service Unavailable" });
    expect([unavailable.code, unavailable.msg]).toEqual([ApiCodes.Unavailable, "Unavailable (HTTP 503 Service Unavailable): <html>waking up</html>"]);
    const unexpected = ApiError.fromAnswer(502, { message: "bad gateway" });
    expect([unexpected.code, unexpected.msg]).toEqual([ApiCodes.UnexpectedAnswer, "Unexpected answer (HTTP 502)"]);
    expect(ApiError.fromAnswer(500, "   ").msg).toBe("Unexpected answer (HTTP 500)");
    expect(ApiError.fromAnswer(500, "x".repeat(300)).msg).toBe(`Unexpected answer (HTTP 500): ${"x".repeat(200)}`);
  });
});
