/**
 * The `vmfilter/valid-filter` rule: checks the filters written in JavaScript and TypeScript code
 * (templates tagged `where`, and the string literals the options point at) with vmfilter's
 * diagnostics, each reported at its exact place inside the literal, and fixes them to canonical
 * form.
 * @module
 */
import type { Rule } from "eslint";
import { checkLiteral, MESSAGES, type LiteralMode, type LiteralReport } from "./check.js";
import { FilterLiteral, type SourceEdit, type StringLiteralNode, type TemplateLiteralNode } from "./literal.js";
import { optionsSchema, resolveOptions, type ValidFilterOptions } from "./options.js";
import { placeholderText } from "./placeholders.js";
import { dottedName, keyName, plainFilterNode, type PlainFilterNode } from "./targets.js";

/** The shape of the nodes the rule listens to, as far as it reads them. */
interface TaggedTemplateNode {
  readonly tag: unknown;
  readonly quasi: TemplateLiteralNode;
}

interface CallNode {
  readonly callee: unknown;
  readonly arguments: readonly unknown[];
}

interface PropertyNode {
  readonly key: unknown;
  readonly computed?: unknown;
  readonly value: unknown;
}

function fixOf(edits: readonly SourceEdit[]): Rule.ReportFixer {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
}

/**
 * The `valid-filter` rule: options in {@link ValidFilterOptions}, messages in `MESSAGES`; fixable
 * (canonical form, safe fixes) and with suggestions (fixes that are guesses).
 */
export const validFilter: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Check VMmanager filter strings (where`…` templates, configured keys and call arguments) and keep them in canonical form",
      recommended: true,
    },
    fixable: "code",
    hasSuggestions: true,
    schema: optionsSchema,
    messages: MESSAGES,
  },
  create(context) {
    const options = resolveOptions(context.options[0] as ValidFilterOptions | undefined);
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    const seen = new WeakSet<object>();

    const report = (found: LiteralReport) => {
      const [start, end] = found.range;
      context.report({
        messageId: found.messageId,
        data: found.data,
        loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
        fix: found.fix ? fixOf(found.fix) : null,
        ...(found.suggestions && found.suggestions.length > 0
          ? { suggest: found.suggestions.map((s) => ({ messageId: s.messageId, data: s.data, fix: fixOf(s.edits) })) }
          : {}),
      });
    };

    const check = (node: PlainFilterNode | TemplateLiteralNode, mode: LiteralMode) => {
      if (seen.has(node)) return;
      seen.add(node);
      // plainFilterNode lets only string values through: fromString always gives a literal
      const literal =
        node.type === "Literal" ? FilterLiteral.fromString(node as StringLiteralNode, text)! : FilterLiteral.fromTemplate(node, text, placeholderText);
      for (const found of checkLiteral(literal, mode, options)) report(found);
    };

    const checkValue = (value: unknown) => {
      const node = plainFilterNode(value);
      if (node) check(node, "string");
    };

    const checkProperty = (node: PropertyNode) => {
      const name = keyName(node);
      if (name !== undefined && options.keys.has(name)) checkValue(node.value);
    };

    const checkCall = (node: CallNode) => {
      const name = dottedName(node.callee);
      if (name === undefined) return;
      for (const call of options.calls) if (call.callee === name) checkValue(node.arguments[call.argument]);
    };

    const listener: Rule.RuleListener = {};
    if (options.tags.size > 0) {
      listener.TaggedTemplateExpression = (node) => {
        const tagged = node as unknown as TaggedTemplateNode;
        const name = dottedName(tagged.tag);
        if (name !== undefined && options.tags.has(name)) check(tagged.quasi, "template");
      };
    }
    if (options.keys.size > 0) {
      listener.Property = (node) => checkProperty(node as unknown as PropertyNode);
      listener.PropertyDefinition = (node) => checkProperty(node as unknown as PropertyNode);
    }
    if (options.calls.length > 0) {
      listener.CallExpression = (node) => checkCall(node as unknown as CallNode);
      listener.NewExpression = (node) => checkCall(node as unknown as CallNode);
    }
    return listener;
  },
};
