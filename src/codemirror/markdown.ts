/// <reference lib="dom" />
/**
 * A small, safe Markdown renderer for the services' help texts (hover contents, completion
 * documentation): paragraphs, `- ` lists, fenced code blocks and inline `code`, `**bold**` and
 * `*emphasis*`. Text is only ever set as text, never parsed as HTML.
 * @module
 */

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_/g;

function appendInline(parent: HTMLElement, text: string): void {
  const doc = parent.ownerDocument;
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parent.append(text.slice(last, match.index));
    const [, code, bold, em, em2] = match;
    const element = doc.createElement(code !== undefined ? "code" : bold !== undefined ? "strong" : "em");
    element.textContent = code ?? bold ?? em ?? em2 ?? "";
    parent.append(element);
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

/** `markdown` rendered into a new `<div class="cm-vmfilter-doc">` of `doc`. */
export function renderMarkdown(markdown: string, doc: Document = document): HTMLElement {
  const root = doc.createElement("div");
  root.className = "cm-vmfilter-doc";
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  let list: HTMLElement | null = null;
  const flush = () => {
    if (paragraph.length > 0) {
      const p = doc.createElement("p");
      appendInline(p, paragraph.join(" "));
      root.append(p);
      paragraph = [];
    }
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) code.push(lines[i]!);
      const pre = doc.createElement("pre");
      const element = doc.createElement("code");
      element.textContent = code.join("\n");
      pre.append(element);
      root.append(pre);
    } else if (/^\s*[-*] /.test(line)) {
      if (paragraph.length > 0) flush();
      if (list === null) root.append((list = doc.createElement("ul")));
      const item = doc.createElement("li");
      appendInline(item, line.replace(/^\s*[-*] /, ""));
      (list as HTMLElement).append(item);
    } else if (line.trim() === "") {
      flush();
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return root;
}
