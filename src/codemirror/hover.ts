/// <reference lib="dom" />
/**
 * Hover: a tooltip over fields, operators and values from `getHover`.
 * @module
 */
import type { Extension } from "@codemirror/state";
import { hoverTooltip, type Tooltip } from "@codemirror/view";
import { getHover } from "../editor/hover.js";
import { serviceOptions } from "./config.js";
import { renderMarkdown } from "./markdown.js";

/** The hover tooltip: its range is the hovered token, its body the Markdown `contents` rendered. */
export function vmfilterHover(): Extension {
  return hoverTooltip((view, pos): Tooltip | null => {
    const hover = getHover(view.state.doc.toString(), pos, serviceOptions(view.state));
    if (hover === undefined || hover.contents === "") return null;
    const length = view.state.doc.length;
    return {
      pos: Math.min(hover.range.start, length),
      end: Math.min(hover.range.end, length),
      above: true,
      create: () => {
        const dom = renderMarkdown(hover.contents, view.dom.ownerDocument);
        dom.classList.add("cm-vmfilter-hover");
        return { dom };
      },
    };
  });
}
