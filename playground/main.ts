/// <reference lib="dom" />
/**
 * The vmfilter playground: a CodeMirror editor with the `vmfilter()` extension, and beside it the
 * live diagnostics, the canonical text, the URL-encoded text, the tree, and a schema picker. The
 * filter and the schema are kept in the page's `#` so a link shows the same filter.
 * @module
 */
import { autocompletion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { lintGutter, lintKeymap } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightSpecialChars, keymap, placeholder } from "@codemirror/view";
import { formatFilter, vmfilter } from "../src/codemirror/index.js";
import { format, getDiagnostics, hasErrors, parse, schemaByName, schemaNames, toJSON, toQueryString, type Diagnostic, type Schema } from "../src/index.js";
import { outline } from "./tree.js";

const DEFAULT_FILTER = "where=(state EQ 'active') AND (ram_mib GE 4096) AND NOT (cluster.name EQ 'lab')&orderby=name desc&limit=0,50";
const DEFAULT_SCHEMA = "vm.host";

/** What the page exposes for scripts and tests: the editor view. */
export interface Playground {
  readonly view: EditorView;
}

declare global {
  interface Window {
    vmfilterPlayground?: Playground;
  }
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`playground: #${id} is missing`);
  return found as T;
}

const schemaSelect = element<HTMLSelectElement>("schema");
const diagnosticList = element<HTMLUListElement>("diagnostics");
const diagnosticCount = element<HTMLSpanElement>("diagnostic-count");
const canonicalOut = element<HTMLPreElement>("canonical");
const encodedOut = element<HTMLPreElement>("encoded");
const treeOut = element<HTMLPreElement>("tree");

// the schema picker: none, then every built-in schema
schemaSelect.append(new Option("(none)", ""));
for (const name of schemaNames) schemaSelect.append(new Option(name, name));

const fromHash = new URLSearchParams(location.hash.slice(1));
schemaSelect.value = fromHash.has("schema") ? (schemaByName(fromHash.get("schema") ?? "") ? fromHash.get("schema")! : "") : DEFAULT_SCHEMA;

function currentSchema(): Schema | undefined {
  return schemaSelect.value === "" ? undefined : schemaByName(schemaSelect.value);
}

function extensionFor(schema: Schema | undefined) {
  return vmfilter(schema ? { schema } : {});
}

function show(out: HTMLPreElement, text: string | undefined, empty: string): void {
  out.textContent = text === undefined || text === "" ? empty : text;
  out.classList.toggle("empty", text === undefined || text === "");
}

function renderDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[]): void {
  diagnosticCount.textContent = `(${diagnostics.length})`;
  diagnosticList.replaceChildren();
  if (diagnostics.length === 0) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = "No problems.";
    diagnosticList.append(li);
    return;
  }
  for (const d of diagnostics) {
    const li = document.createElement("li");
    li.className = d.severity;
    li.dataset.code = d.code;
    const severity = Object.assign(document.createElement("span"), { className: "severity", textContent: d.severity });
    const code = Object.assign(document.createElement("code"), { className: "code", textContent: d.code });
    const position = Object.assign(document.createElement("span"), {
      className: "position",
      textContent: `${d.line}:${d.column}–${d.endLine}:${d.endColumn}`,
      title: `offsets ${d.start}–${d.end}`,
    });
    const message = Object.assign(document.createElement("span"), { className: "message", textContent: d.message });
    li.append(severity, code, position, message);
    li.addEventListener("click", () => {
      const length = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(d.start, length), head: Math.min(d.end, length) }, scrollIntoView: true });
      view.focus();
    });
    diagnosticList.append(li);
  }
}

function treeMode(): "outline" | "json" {
  return document.querySelector<HTMLInputElement>('input[name="tree-mode"]:checked')?.value === "json" ? "json" : "outline";
}

/** Every panel, from the editor's text and the picked schema. */
function refresh(view: EditorView): void {
  const text = view.state.doc.toString();
  const schema = currentSchema();
  const options = schema ? { schema } : {};
  renderDiagnostics(view, getDiagnostics(text, options));
  const { query, diagnostics } = parse(text);
  const broken = hasErrors(diagnostics);
  show(canonicalOut, broken ? undefined : format(query, options), broken ? "(the filter has syntax errors: no canonical form)" : "(empty)");
  show(encodedOut, broken ? undefined : toQueryString(query, options), broken ? "(the filter has syntax errors)" : "(empty)");
  treeOut.textContent = treeMode() === "json" ? JSON.stringify(toJSON(query, { keepLocations: true }), null, 2) : outline(query);
  const hash = new URLSearchParams({ schema: schemaSelect.value, filter: text });
  window.history.replaceState(null, "", "#" + hash.toString());
}

const vmfilterCompartment = new Compartment();

const view = new EditorView({
  parent: element("editor"),
  state: EditorState.create({
    doc: fromHash.get("filter") ?? DEFAULT_FILTER,
    extensions: [
      history(),
      drawSelection(),
      highlightSpecialChars(),
      EditorView.lineWrapping,
      placeholder("(name EQ 'web') AND NOT (state EQ 'stopped')"),
      lintGutter(),
      autocompletion(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
      vmfilterCompartment.of(extensionFor(currentSchema())),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) refresh(update.view);
      }),
    ],
  }),
});

schemaSelect.addEventListener("change", () => {
  view.dispatch({ effects: vmfilterCompartment.reconfigure(extensionFor(currentSchema())) });
  refresh(view);
});
document.querySelectorAll<HTMLInputElement>('input[name="tree-mode"]').forEach((radio) => radio.addEventListener("change", () => refresh(view)));
element<HTMLButtonElement>("format").addEventListener("click", () => {
  formatFilter(view);
  view.focus();
});

refresh(view);
window.vmfilterPlayground = { view };
