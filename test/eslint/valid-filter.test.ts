/**
 * The `vmfilter/valid-filter` rule through ESLint's own RuleTester (run by vitest): where it looks,
 * what it reports and exactly where, its fixes (`output`) and suggestions, its options, escapes in
 * literals, multi-line templates, `${}` in templates, TypeScript code.
 */
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import { validFilter } from "../../src/eslint/index.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } });
const tsTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

const assertionOptions = { requireLocation: true, requireMessage: true } as const;

const host = { schema: "vm.host" };
const MIXED = "AND and OR are mixed without brackets; this reading relies on AND binding tighter than OR, which the API does not document. (no-mixed-and-or)";

describe("valid-filter", () => {
  tester.run("valid-filter", validFilter, {
    assertionOptions,
    valid: [
      // canonical and known fields
      { code: "const f = where`(name EQ 'web') AND (cpu_number GT 2)`;", options: [host] },
      // a ${} is a value of any type: no type error, whatever the field
      { code: "const f = where`(id EQ ${id})`;", options: [host] },
      { code: "const f = where`(disabled EQ ${flag}) AND (name CP ${mask})`;", options: [host] },
      { code: 'const f = where`(name EQ ${"O\'Brien"}) AND (id GT ${10})`;', options: [host] },
      { code: "const f = where`(name CP ${`%${q}%`})`;", options: [host] },
      // values compared across conditions: unknown, so no contradiction or duplicate is claimed
      { code: "const f = where`(id EQ ${a}) AND (id EQ 5)`;", options: [host] },
      { code: "const f = where`(id EQ ${a}) AND (id EQ ${b})`;", options: [host] },
      { code: "const f = where`(id EQ ${a}) AND (id IS null)`;", options: [host] },
      { code: "const f = where`(id EQ ${a}) OR (id EQ ${a})`;" },
      // not canonical (no brackets), but that check is off: nothing else to say
      { code: "const f = where`id EQ ${id}`;", options: [{ canonical: false }] },
      // keyword-case is a hint: not reported unless minSeverity asks
      { code: "const f = where`(name eq 'web')`;", options: [{ canonical: false }] },
      // a filter laid out on several lines is judged on its words, not its layout
      { code: "const f = where`(name EQ 'web')\n  AND (cpu_number GT 2)\n  AND (disabled EQ false)`;", options: [host] },
      // only what is configured is checked
      { code: "const s = \"(name eq 'web'\";" },
      { code: "const f = sql`(name eq 'web'`;" },
      { code: "const q = { where: \"(name eq 'web'\" };" },
      { code: "client.list('/vm/v3/host', \"(name eq 'web'\");" },
      { code: "const f = where`(name eq 'web'`;", options: [{ tags: [] }] },
      { code: "const f = vmfilter.where`(name EQ 'web')`;", options: [{ tags: ["vmfilter.where"] }] },
      // configured keys and calls
      { code: "const q = { where: \"(name EQ 'web')\", orderby: 'name' };", options: [{ keys: ["where"] }] },
      { code: "const q = { where: `(name EQ 'web')` };", options: [{ keys: ["where"] }] },
      { code: "client.list('/vm/v3/host', \"where=(name+EQ+'web')&limit=0,10\");", options: [{ calls: [{ callee: "client.list", argument: 1 }] }] },
      // a template with ${} outside a where tag splices text: it cannot be checked, and is not
      { code: "const q = { where: `(name eq ${broken}` };", options: [{ keys: ["where"] }] },
      // a non-string value, a spread, a missing argument
      { code: "const q = { where: 5, other: '(x' };", options: [{ keys: ["where"] }] },
      { code: "client.list(...args); client.list();", options: [{ calls: [{ callee: "client.list", argument: 1 }] }] },
      // rules: a warning turned off
      { code: "const q = { where: '(a EQ 1) AND (b EQ 2) OR (c EQ 3)' };", options: [{ keys: ["where"], canonical: false, rules: { "no-mixed-and-or": "off" } }] },
      // the text spells a placeholder itself (an escaped \${0}): where each ${} lands in the canonical
      // form is not sure, so the canonical form is not proposed (keyword-case, a hint, is not shown)
      { code: "const f = where`(a eq '\\${0}') AND (b EQ ${x})`;" },
      { code: "const f = where`(a eq ${x}) AND (b EQ '\\${0}')`;" },
      { code: "const f = where`(a eq '\\${1}') AND (b EQ ${x}) AND (c EQ ${y})`;" },
      // callees that are no dotted name: a call's result, a computed member with a variable or a number
      {
        code: "factory()('(x'); client[k]('(x'); client[0]('(x'); f().list('(x');",
        options: [{ calls: [{ callee: "factory", argument: 0 }, { callee: "client.k", argument: 0 }, { callee: "client.0", argument: 0 }, { callee: "f.list", argument: 0 }] }],
      },
      // a computed key built with ${} is no key name
      { code: "const q = { [`wh${e}`]: '(x' };", options: [{ keys: ["where", "whx"] }] },
    ],
    invalid: [
      {
        // one unknown field (its fix is a guess: a suggestion) and a keyword not in canonical case
        code: "const f = where`(name eq 'web') AND (cpu_numbr GT 2)`;",
        options: [host],
        output: "const f = where`(name EQ 'web') AND (cpu_numbr GT 2)`;",
        errors: [
          { message: "This filter is not in canonical form; canonical: (name EQ 'web') AND (cpu_numbr GT 2)", line: 1, column: 23, endLine: 1, endColumn: 25 },
          {
            message: "Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)",
            line: 1,
            column: 38,
            endLine: 1,
            endColumn: 47,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace with 'cpu_number'" }, output: "const f = where`(name eq 'web') AND (cpu_number GT 2)`;" }],
          },
        ],
      },
      {
        // the canonical form brackets the comparison; the ${} is kept as written
        code: "const f = where`id EQ ${id}`;",
        output: "const f = where`(id EQ ${id})`;",
        errors: [{ messageId: "notCanonical", data: { canonical: "(id EQ ${id})" }, line: 1, column: 17, endLine: 1, endColumn: 28 }],
      },
      {
        // around several ${}: only the quasis change
        code: "const f = where`(cpu_numbr EQ ${n}) and (name EQ ${user.name})`;",
        options: [host],
        output: "const f = where`(cpu_numbr EQ ${n}) AND (name EQ ${user.name})`;",
        errors: [
          {
            message: "Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)",
            line: 1,
            column: 18,
            endLine: 1,
            endColumn: 27,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace with 'cpu_number'" }, output: "const f = where`(cpu_number EQ ${n}) and (name EQ ${user.name})`;" }],
          },
          { messageId: "notCanonical", data: { canonical: "(cpu_numbr EQ ${n}) AND (name EQ ${user.name})" }, line: 1, column: 37, endLine: 1, endColumn: 40 },
        ],
      },
      {
        // a ${} where a field belongs: the value would be quoted, so this throws at run time
        code: "const f = where`(${field} EQ 1)`;",
        errors: [{ message: "Expected a condition after '(', found the value ${field}. (missing-condition)", line: 1, column: 18, endLine: 1, endColumn: 26 }],
      },
      {
        // a ${} inside quotes: the template quotes values itself
        code: "const f = where`(name CP '%${q}%')`;",
        errors: [{ messageId: "quotedValue", data: { expression: "${q}" }, line: 1, column: 28, endLine: 1, endColumn: 32 }],
      },
      {
        code: "const f = where`(name EQ '${a}') AND (id EQ '${ b . c }')`;",
        errors: [
          { messageId: "quotedValue", data: { expression: "${a}" }, line: 1, column: 27, endLine: 1, endColumn: 31 },
          { messageId: "quotedValue", data: { expression: "${b . c}" }, line: 1, column: 46, endLine: 1, endColumn: 56 },
        ],
      },
      {
        // other tags, dotted as written; the default where is then not checked
        code: "const f = [vm.where`(id eq ${a})`, where`(id eq 1)`];",
        options: [{ tags: ["vm.where"] }],
        output: "const f = [vm.where`(id EQ ${a})`, where`(id eq 1)`];",
        errors: [{ messageId: "notCanonical", data: { canonical: "(id EQ ${a})" }, line: 1, column: 25, endLine: 1, endColumn: 27 }],
      },
      {
        code: "const f = where`where=(id EQ 1)`;",
        errors: [{ messageId: "notAnExpression", line: 1, column: 17, endLine: 1, endColumn: 32 }],
      },
      {
        code: "const f = where``;",
        errors: [{ message: "The template holds no condition. (missing-condition)", line: 1, column: 16, endLine: 1, endColumn: 18 }],
      },
      {
        // a syntax error: no canonical form; the missing bracket's fix is safe
        code: "const q = { where: \"(name EQ 'x'\" };",
        options: [{ keys: ["where"] }],
        output: "const q = { where: \"(name EQ 'x')\" };",
        errors: [{ message: "Expected ')' after ''x'', found end of input. (missing-close-bracket)", line: 1, column: 33, endLine: 1, endColumn: 33 }],
      },
      {
        // escapes before the problem: the columns are the source's, the fix keeps the quote style
        code: "const q = { where: '(name EQ \\'O\\'\\'Brien\\') and (id eq 1)' };",
        options: [{ keys: ["where"] }],
        output: "const q = { where: '(name EQ \\'O\\'\\'Brien\\') AND (id EQ 1)' };",
        errors: [{ message: "This filter is not in canonical form; canonical: (name EQ 'O''Brien') AND (id EQ 1)", line: 1, column: 46, endLine: 1, endColumn: 56 }],
      },
      {
        // \u escapes, \x escapes and a line continuation before an unknown field
        code: "const q = { where: \"(n\\u0061me EQ '\\x41\\\n') AND (nmae EQ 'x')\" };",
        options: [{ keys: ["where"], ...host }],
        errors: [
          {
            message: "Unknown field 'nmae' in vm.host. Did you mean 'name' or 'node'? (unknown-field)",
            line: 2,
            column: 9,
            endLine: 2,
            endColumn: 13,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace with 'name'" }, output: "const q = { where: \"(n\\u0061me EQ '\\x41\\\n') AND (name EQ 'x')\" };" }],
          },
        ],
      },
      {
        // an escape inside the range: it spans the whole escape, and the fix replaces it
        code: "const f = where`(name \\u0065q 'web')`;",
        output: "const f = where`(name EQ 'web')`;",
        errors: [{ messageId: "notCanonical", data: { canonical: "(name EQ 'web')" }, line: 1, column: 23, endLine: 1, endColumn: 30 }],
      },
      {
        // an astral escape before the problem counts as the source text it is
        code: "const f = where`(name EQ '\\u{1F600}😀') AND (cpu_numbr GT 2)`;",
        options: [host],
        errors: [
          {
            message: "Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)",
            line: 1,
            column: 46,
            endLine: 1,
            endColumn: 55,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace with 'cpu_number'" }, output: "const f = where`(name EQ '\\u{1F600}😀') AND (cpu_number GT 2)`;" }],
          },
        ],
      },
      {
        // a lone surrogate written as an escape: reported on that escape
        code: "const q = { where: \"(name EQ '\\uD800')\" };",
        options: [{ keys: ["where"] }],
        errors: [{ message: "A lone UTF-16 surrogate (U+D800) is not text; the input is damaged here. (lone-surrogate)", line: 1, column: 31, endLine: 1, endColumn: 37 }],
      },
      {
        // a multi-line template: the problem on its own line, and the layout is not a problem
        code: "const f = where`(name EQ 'web')\n  AND (cpu_numbr GT 2)`;",
        options: [host],
        errors: [
          {
            message: "Unknown field 'cpu_numbr' in vm.host. Did you mean 'cpu_number'? (unknown-field)",
            line: 2,
            column: 8,
            endLine: 2,
            endColumn: 17,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace with 'cpu_number'" }, output: "const f = where`(name EQ 'web')\n  AND (cpu_number GT 2)`;" }],
          },
        ],
      },
      {
        // a multi-line template that is not canonical in its words: written on one line
        code: "const f = where`(name EQ 'web')\r\n  and (ram_mib GT 2)`;",
        output: "const f = where`(name EQ 'web') AND (ram_mib GT 2)`;",
        errors: [{ messageId: "notCanonical", data: { canonical: "(name EQ 'web') AND (ram_mib GT 2)" }, line: 1, column: 32, endLine: 2, endColumn: 6 }],
      },
      {
        // a syntax error at the end of a multi-line template
        code: "const f = where`(name EQ 'web')\n  AND (cpu_number GT`;",
        errors: [
          { message: "Expected a value after 'GT', found end of input. (missing-value)", line: 2, column: 21, endLine: 2, endColumn: 21 },
          { message: "Expected ')' after 'GT', found end of input. (missing-close-bracket)", line: 2, column: 21, endLine: 2, endColumn: 21 },
        ],
        output: "const f = where`(name EQ 'web')\n  AND (cpu_number GT)`;",
      },
      {
        // a query string in a configured call argument keeps its encoding
        code: "client.list('/vm/v3/host', \"where=(name+eq+'web')\");",
        options: [{ calls: [{ callee: "client.list", argument: 1 }] }],
        output: "client.list('/vm/v3/host', \"where=(name+EQ+'web')\");",
        errors: [{ messageId: "notCanonical", data: { canonical: "where=(name+EQ+'web')" }, line: 1, column: 41, endLine: 1, endColumn: 43 }],
      },
      {
        // callees as written: this.…, optional chaining, a computed name; the argument index counts
        code: "this.api.list(\"(id eq 1)\"); api?.['list'](0, '(id eq 2)'); api.list('(id eq 3)');",
        options: [{ calls: [{ callee: "this.api.list", argument: 0 }, { callee: "api.list", argument: 1 }] }],
        output: "this.api.list(\"(id EQ 1)\"); api?.['list'](0, '(id EQ 2)'); api.list('(id eq 3)');",
        errors: [
          { messageId: "notCanonical", data: { canonical: "(id EQ 1)" }, line: 1, column: 20, endLine: 1, endColumn: 22 },
          { messageId: "notCanonical", data: { canonical: "(id EQ 2)" }, line: 1, column: 51, endLine: 1, endColumn: 53 },
        ],
      },
      {
        // super.…, a private field, optional chaining without brackets
        code: "class A extends B { #api; m() { super.list('(id eq 1)'); this.#api.list('(id eq 2)'); client?.list('(id eq 3)'); } }",
        options: [{ calls: [{ callee: "super.list", argument: 0 }, { callee: "this.#api.list", argument: 0 }, { callee: "client.list", argument: 0 }] }],
        output: "class A extends B { #api; m() { super.list('(id EQ 1)'); this.#api.list('(id EQ 2)'); client?.list('(id EQ 3)'); } }",
        errors: [
          { messageId: "notCanonical", data: { canonical: "(id EQ 1)" }, line: 1, column: 49, endLine: 1, endColumn: 51 },
          { messageId: "notCanonical", data: { canonical: "(id EQ 2)" }, line: 1, column: 78, endLine: 1, endColumn: 80 },
          { messageId: "notCanonical", data: { canonical: "(id EQ 3)" }, line: 1, column: 105, endLine: 1, endColumn: 107 },
        ],
      },
      {
        // the same call configured twice: its literal is reported once
        code: "f('(x');",
        options: [{ calls: [{ callee: "f", argument: 0 }, { callee: "f", argument: 0 }] }],
        output: "f('(x)');",
        errors: [
          { message: "Expected an operator (EQ, NE, GT, GE, LT, LE, CP or IS) after 'x', found end of input. (missing-operator)", line: 1, column: 6, endLine: 1, endColumn: 6 },
          { message: "Expected ')' after 'x', found end of input. (missing-close-bracket)", line: 1, column: 6, endLine: 1, endColumn: 6 },
        ],
      },
      {
        // a canonical form longer than 80 characters is shortened in the message
        code: `const q = { where: "(name EQ 'a') AND (comment EQ '${"a".repeat(60)}')   " };`,
        options: [{ keys: ["where"] }],
        output: `const q = { where: "(name EQ 'a') AND (comment EQ '${"a".repeat(60)}')" };`,
        errors: [{ messageId: "notCanonical", data: { canonical: `(name EQ 'a') AND (comment EQ '${"a".repeat(48)}…` }, line: 1, column: 114, endLine: 1, endColumn: 117 }],
      },
      {
        // a ${} where a condition belongs: the report spans the ${…} in the source
        code: "const f = where`(${a} EQ 1)`;",
        errors: [{ message: "Expected a condition after '(', found the value ${a}. (missing-condition)", line: 1, column: 18, endLine: 1, endColumn: 22 }],
      },
      {
        // a long ${} expression is shortened in the message
        code: "const f = where`(name CP '%${someVeryLongExpression.withAProperty}%')`;",
        errors: [
          {
            messageId: "quotedValue",
            data: { expression: "${someVeryLongExpression.…}" },
            line: 1,
            column: 28,
            endLine: 1,
            endColumn: 67,
          },
        ],
      },
      {
        // an invalid escape (allowed in a tagged template): the text is the raw source, mapped to
        // the whole template; a query string is no WHERE expression
        code: "const f = where`?where=(id EQ 1)\\unicode`;",
        errors: [{ messageId: "notAnExpression", line: 1, column: 16, endLine: 1, endColumn: 42 }],
      },
      {
        // the same, not canonical: reported on the whole template, with no fix (it cannot be mapped)
        code: "const f = where`(name eq 'a\\unicode')`;",
        errors: [{ messageId: "notCanonical", data: { canonical: "(name EQ 'a\\unicode')" }, line: 1, column: 16, endLine: 1, endColumn: 39 }],
      },
      {
        // new …(), and a class field named like a key
        code: "new Query('(id eq 1)'); class Saved { where = '(id eq 2)'; }",
        options: [{ calls: [{ callee: "Query", argument: 0 }], keys: ["where"] }],
        output: "new Query('(id EQ 1)'); class Saved { where = '(id EQ 2)'; }",
        errors: [
          { messageId: "notCanonical", data: { canonical: "(id EQ 1)" }, line: 1, column: 16, endLine: 1, endColumn: 18 },
          { messageId: "notCanonical", data: { canonical: "(id EQ 2)" }, line: 1, column: 52, endLine: 1, endColumn: 54 },
        ],
      },
      {
        // a warning with a safe fix (canonical off): the fix is applied by --fix
        code: "const q = { where: '(a EQ 1) AND (b EQ 2) OR (c EQ 3)' };",
        options: [{ keys: ["where"], canonical: false }],
        output: "const q = { where: '((a EQ 1) AND (b EQ 2)) OR (c EQ 3)' };",
        errors: [{ message: MIXED, line: 1, column: 21, endLine: 1, endColumn: 42 }],
      },
      {
        // a hint asked for: CP without a wildcard; its fix changes the meaning, so it is a suggestion
        code: "const f = where`(name CP 'web')`;",
        options: [{ minSeverity: "hint" }],
        errors: [
          {
            message:
              "This CP mask has no '%', so it matches the whole value, ignoring the case of ASCII letters. If the case is known, EQ (which compares exactly) says so plainly. (cp-without-wildcard)",
            line: 1,
            column: 23,
            endLine: 1,
            endColumn: 25,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace CP with EQ (compares case too)" }, output: "const f = where`(name EQ 'web')`;" }],
          },
        ],
      },
      {
        // an info asked for, with a schema: a quoted number on a numeric field
        code: "const f = where`(cpu_number EQ '2')`;",
        options: [{ ...host, minSeverity: "info", canonical: false }],
        output: "const f = where`(cpu_number EQ 2)`;",
        errors: [{ message: "'cpu_number' is numeric: the number needs no quotes (2). (quoted-number)", line: 1, column: 32, endLine: 1, endColumn: 35 }],
      },
      {
        // a value check not involving a ${} is kept
        code: "const f = where`(id EQ ${id}) AND (cpu_number EQ 'two')`;",
        options: [host],
        errors: [{ message: "'cpu_number' holds whole numbers, not text. (type-mismatch)", line: 1, column: 50, endLine: 1, endColumn: 55 }],
      },
      {
        // a problem independent of the value is kept next to a ${}: GT on a boolean
        code: "const f = where`(disabled GT ${x})`;",
        options: [host],
        errors: [{ line: 1, column: 27, endLine: 1, endColumn: 29, message: "GT orders values; 'disabled' holds true or false (use EQ or NE). (operator-type-mismatch)" }],
      },
    ],
  });
});

describe("valid-filter in TypeScript", () => {
  tsTester.run("valid-filter", validFilter, {
    assertionOptions,
    valid: [
      { code: "const c: Condition = where`(id EQ ${id as number}) AND (name EQ ${user!.name})`;", options: [host] },
      { code: "const q = { where: \"(name EQ 'web')\" as const } satisfies Query;", options: [{ keys: ["where"] }] },
    ],
    invalid: [
      {
        code: "const q = { where: \"(name EQ 'web') and (id eq 1)\" as const } satisfies Query;",
        options: [{ keys: ["where"] }],
        output: "const q = { where: \"(name EQ 'web') AND (id EQ 1)\" as const } satisfies Query;",
        errors: [{ messageId: "notCanonical", data: { canonical: "(name EQ 'web') AND (id EQ 1)" }, line: 1, column: 37, endLine: 1, endColumn: 47 }],
      },
      {
        code: "function f<T>(id: T): Condition {\n  return where<string>`(id EQ ${id}) and (nmae EQ 'x')`;\n}",
        options: [host],
        output: "function f<T>(id: T): Condition {\n  return where<string>`(id EQ ${id}) AND (nmae EQ 'x')`;\n}",
        errors: [
          { messageId: "notCanonical", data: { canonical: "(id EQ ${id}) AND (nmae EQ 'x')" }, line: 2, column: 38, endLine: 2, endColumn: 41 },
          {
            message: "Unknown field 'nmae' in vm.host. Did you mean 'name' or 'node'? (unknown-field)",
            line: 2,
            column: 43,
            endLine: 2,
            endColumn: 47,
            suggestions: [{ messageId: "applyFix", data: { title: "Replace with 'name'" }, output: "function f<T>(id: T): Condition {\n  return where<string>`(id EQ ${id}) and (name EQ 'x')`;\n}" }],
          },
        ],
      },
      {
        code: "const f = where`(name eq 'web')\r\n  AND (cpu_number GT ${n})`;",
        output: "const f = where`(name EQ 'web') AND (cpu_number GT ${n})`;",
        errors: [{ messageId: "notCanonical", data: { canonical: "(name EQ 'web') AND (cpu_number GT ${n})" }, line: 1, column: 23, endLine: 2, endColumn: 2 }],
      },
    ],
  });
});
