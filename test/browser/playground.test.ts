/// <reference types="node" />
/// <reference lib="dom" />
/**
 * The playground in a real browser: Debian's Chromium (/usr/bin/chromium, never a downloaded
 * one) driven by playwright-core, against playground-dist/ (built by `npm run test:browser`)
 * served on a random loopback port. Drives the page as a user does, by keyboard and mouse: lint
 * squiggles and their tooltips and fixes, completion, hover, the format key, the canonical and
 * encoded panels, and the schema picker. Ends with a screenshot in test-results/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PLAYGROUND_DIST, servePlayground, type PlaygroundServer } from "../../scripts/serve-playground.mjs";
import { getDiagnostics, getHover, schemaByName, schemaNames } from "../../src/index.js";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = new URL("../..", import.meta.url).pathname;
const RESULTS = join(ROOT, "test-results");
const HOST = schemaByName("vm.host");

let server: PlaygroundServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

/** The editor's text, from the editor's own state (exact, whatever the DOM shows). */
function editorText(): Promise<string> {
  return page.evaluate(() => window.vmfilterPlayground!.view.state.doc.toString());
}

/** Replaces the editor's text with `text` as one input (no per-key completion), cursor at the end. */
async function setText(text: string): Promise<void> {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  if (text !== "") await page.keyboard.insertText(text);
  await page.keyboard.press("Escape");
  await expect.poll(editorText).toBe(text);
}

async function pickSchema(name: string): Promise<void> {
  await page.locator("#schema").selectOption(name);
}

/** The codes of the playground's diagnostics list. */
function listedCodes(): Promise<string[]> {
  return page.locator("#diagnostics li[data-code]").evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.code ?? ""));
}

let lastDetail: string[] = [];
let lastInfo = "";

/**
 * Opens the completion list with Ctrl-Space and accepts the selected option with Enter; answers
 * its label, and what the list showed beside it (detail) and in its info panel.
 */
async function completeWithEnter(): Promise<string> {
  await page.keyboard.press("Control+Space");
  const selected = page.locator(".cm-tooltip-autocomplete li[aria-selected] .cm-completionLabel");
  await selected.waitFor();
  const label = await selected.innerText();
  // CodeMirror ignores the keys that pick an option for its interactionDelay (75 ms) after the list opens
  await page.waitForTimeout(150);
  lastDetail = await page.locator(".cm-tooltip-autocomplete li[aria-selected] .cm-completionDetail").allInnerTexts();
  const info = page.locator(".cm-tooltip-autocomplete .cm-completionInfo");
  lastInfo = (await info.count()) > 0 ? await info.innerText() : "";
  await page.keyboard.press("Enter");
  await page.locator(".cm-tooltip-autocomplete").waitFor({ state: "detached" });
  return label;
}

/** Why the page could not be opened: every test fails with it (none is skipped). */
let setupError: Error | undefined;

async function openPage(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with ` +
        "`sudo apt-get update && sudo apt-get install -y chromium` (root: without sudo), then run `npm run test:browser` again. " +
        "The test never downloads a browser.",
    );
  }
  if (!existsSync(join(PLAYGROUND_DIST, "index.html"))) {
    throw new Error(`No playground build in ${PLAYGROUND_DIST}: run \`npm run test:browser\` (it builds first) or \`npm run build:playground\`.`);
  }
  server = await servePlayground({ port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`console.error: ${message.text()}`);
  });
  page.setDefaultTimeout(15_000);
  await page.goto(server.url);
  await page.locator(".cm-content").waitFor();
}

beforeAll(async () => {
  try {
    await openPage();
  } catch (error) {
    setupError = error instanceof Error ? error : new Error(String(error));
  }
});

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("playground in Chromium", () => {
  it("loads with the editor, the default filter and every schema in the picker", async () => {
    const options = await page.locator("#schema option").evaluateAll((items) => items.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(["", ...schemaNames]);
    expect(await page.locator("#schema").inputValue()).toBe("vm.host");
    expect(await editorText()).toBe("where=(state EQ 'active') AND (ram_mib GE 4096) AND NOT (cluster.name EQ 'lab')&orderby=name desc&limit=0,50");
    await expect.poll(() => page.locator("#diagnostics li").first().innerText()).toBe("No problems.");
    // highlighting from getSemanticTokens
    await expect.poll(() => page.locator(".cm-content .cm-vmfilter-property").first().innerText()).toBe("state");
    expect(await page.locator(".cm-content .cm-vmfilter-operator").first().innerText()).toBe("EQ");
    expect(await page.locator(".cm-content .cm-vmfilter-string").first().innerText()).toBe("'active'");
    expect(await page.locator(".cm-content .cm-vmfilter-parameter").allInnerTexts()).toEqual(["where", "orderby", "limit"]);
  });

  it("marks an error with a squiggle whose tooltip holds the message and the fix", async () => {
    await setText("name EQ active");
    const squiggle = page.locator(".cm-lintRange-error");
    await squiggle.waitFor();
    expect(await squiggle.innerText()).toBe("active");
    const [expected] = getDiagnostics("name EQ active", { schema: HOST });
    expect(expected!.code).toBe("unquoted-value");

    // the diagnostics list: code, line:column range and message
    await expect.poll(listedCodes).toEqual(["unquoted-value"]);
    const item = page.locator('#diagnostics li[data-code="unquoted-value"]');
    expect(await item.locator(".position").innerText()).toBe("1:9–1:15");
    expect(await item.locator(".message").innerText()).toBe("The value active is not quoted; text values go in single quotes: 'active'.");

    // hovering the squiggle shows the lint tooltip with the message, the code and the fix
    await squiggle.hover();
    const tooltip = page.locator(".cm-tooltip-lint");
    await tooltip.waitFor();
    expect(await tooltip.locator(".cm-diagnosticText").innerText()).toBe(expected!.message);
    expect(await tooltip.locator(".cm-diagnosticSource").innerText()).toBe("unquoted-value");
    const action = tooltip.locator(".cm-diagnosticAction");
    expect(await action.innerText()).toBe("Quote the value: 'active'");

    // the canonical panel has nothing for a broken filter
    expect(await page.locator("#canonical").innerText()).toBe("(the filter has syntax errors: no canonical form)");

    // the fix, applied from the tooltip
    await action.click();
    await expect.poll(editorText).toBe("name EQ 'active'");
    await squiggle.waitFor({ state: "detached" });
    await expect.poll(() => page.locator("#diagnostics li").first().innerText()).toBe("No problems.");
  });

  it("completes a field, a value with the cursor between the quotes, and true", async () => {
    await setText("ram_m");
    expect(await completeWithEnter()).toBe("ram_mib");
    expect(await editorText()).toBe("ram_mib");
    // the field's type beside the label, its description (Markdown from the services) in the info panel
    expect(lastDetail).toEqual(["integer"]);
    expect(lastInfo).toBe("RAM size in MiB.\n\nfilterable, sortable, may be null.");

    await page.keyboard.type(" GE 4096 AND (state EQ ");
    expect(await completeWithEnter()).toBe("'…'");
    // the cursor sits between the quotes: typing goes inside them
    await page.keyboard.type("active");
    expect(await editorText()).toBe("ram_mib GE 4096 AND (state EQ 'active'");

    await page.keyboard.press("End");
    await page.keyboard.type(") AND disabled EQ t");
    expect(await completeWithEnter()).toBe("true");
    expect(await editorText()).toBe("ram_mib GE 4096 AND (state EQ 'active') AND disabled EQ true");
    await expect.poll(() => page.locator("#diagnostics li").first().innerText()).toBe("No problems.");
  });

  it("updates the canonical and URL-encoded panels live, and formats with Shift-Alt-F", async () => {
    await setText("name EQ 'web' and id gt 5");
    await expect.poll(() => page.locator("#canonical").innerText()).toBe("(name EQ 'web') AND (id GT 5)");
    expect(await page.locator("#encoded").innerText()).toBe("where=(name+EQ+'web')+AND+(id+GT+5)");
    await expect.poll(listedCodes).toEqual(["keyword-case", "keyword-case"]);
    expect(await page.locator("#tree").innerText()).toContain("Comparison GT");

    await page.keyboard.press("Shift+Alt+KeyF");
    await expect.poll(editorText).toBe("(name EQ 'web') AND (id GT 5)");
    await expect.poll(listedCodes).toEqual([]);
  });

  it("shows hover help for a field", async () => {
    await setText("cluster.name EQ 'a'");
    const expected = getHover("cluster.name EQ 'a'", 2, { schema: HOST });
    expect(expected?.contents).toContain("`cluster.name`: string");
    await page.locator(".cm-content .cm-vmfilter-property").first().hover();
    const tooltip = page.locator(".cm-tooltip-hover .cm-vmfilter-hover");
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    expect(text).toContain("cluster.name: string");
    expect(text).toContain("Name of the cluster");
    expect(await tooltip.locator("code").first().innerText()).toBe("cluster.name");
    await page.mouse.move(5, 5);
  });

  it("reports unknown fields only once a schema is picked", async () => {
    await pickSchema("");
    await setText("foo EQ 1");
    await expect.poll(() => page.locator("#diagnostics li").first().innerText()).toBe("No problems.");
    expect(await page.locator(".cm-lintRange").count()).toBe(0);

    await pickSchema("vm.host");
    await expect.poll(listedCodes).toEqual(["unknown-field"]);
    expect(await page.locator('#diagnostics li[data-code="unknown-field"] .message').innerText()).toBe("Unknown field 'foo' in vm.host. Did you mean 'os'?");
    const squiggle = page.locator(".cm-lintRange-error");
    await squiggle.waitFor();
    expect(await squiggle.innerText()).toBe("foo");
    expect(await page.locator(".cm-content .cm-vmfilter-unknown").innerText()).toBe("foo");

    await pickSchema("dci.server");
    await expect.poll(() => page.locator('#diagnostics li[data-code="unknown-field"] .message').innerText()).toContain("in dci.server");
    expect(await page.evaluate(() => location.hash)).toBe("#schema=dci.server&filter=foo+EQ+1");
  });

  it("saves a screenshot with no page errors", async () => {
    await pickSchema("vm.host");
    await setText("where=(state EQ active) AND (ram_mib GE 4096)&orderby=name desc&limit=0,50");
    await expect.poll(listedCodes).toEqual(["unquoted-value"]);
    await page.locator(".cm-lintRange-error").waitFor();
    await page.mouse.move(1, 1);
    mkdirSync(RESULTS, { recursive: true });
    const path = join(RESULTS, "playground.png");
    await page.screenshot({ path, fullPage: true });
    expect(existsSync(path)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
