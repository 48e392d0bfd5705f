/**
 * No words for people outside the catalogues (decision 0047). Parses every source file of the web
 * app (not tests) and reports text a person would read that is not a t() key: JSX text, the
 * attributes people hear or read (aria-label, title, placeholder, alt, label…), properties that
 * hold such text (label, title, about…), and sentence-like string literals anywhere else.
 * A line may opt out with a `i18n-ignore` comment on it or on the line before, saying why.
 *   node scripts/check-i18n.mjs [--summary]
 */
import { parseSync } from "@swc/core";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("../src/", import.meta.url).pathname;
const HUMAN_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
  "legend",
  "heading",
  "about",
  "description",
  "hint",
  "message",
  "confirmLabel",
  "cancelLabel",
  "submitLabel",
  "busyLabel",
  "emptyText",
  "caption",
  "summary",
]);
const HUMAN_PROPERTIES = new Set([
  "label",
  "title",
  "about",
  "description",
  "hint",
  "message",
  "summary",
  "heading",
  "placeholder",
  "text",
  "caption",
  "confirmLabel",
  "cancelLabel",
  "submitLabel",
  "busyLabel",
  "emptyText",
  "body",
  "legend",
]);
/** Calls whose string arguments are not for people: translation keys, logs, developer errors, selectors. */
const SILENT_CALLEES = new Set([
  "t",
  "console",
  "Error",
  "TypeError",
  "RangeError",
  "querySelector",
  "querySelectorAll",
  "getItem",
  "setItem",
  "removeItem",
  "matchMedia",
  "addEventListener",
  "removeEventListener",
  "createElement",
  "getPropertyValue",
  "import",
  "require",
]);
const SENTENCE = /^[A-Z][a-z'’]+[\s,.:;!?…—-]+\S|^[^/]*[a-z][^/]*\s[^/]*[.!?…]$/;
const LETTER = /\p{L}/u;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" || entry.name === "locales" ? [] : files(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function calleeName(callee) {
  if (!callee) return "";
  if (callee.type === "Identifier") return callee.value;
  if (callee.type === "MemberExpression") return callee.property?.value ?? calleeName(callee.object);
  return callee.type === "Import" ? "import" : "";
}

function templateText(node) {
  return node.quasis.map((quasi) => quasi.cooked ?? quasi.raw).join("{}");
}

const findings = [];

function check(path) {
  const source = readFileSync(path, "utf8");
  const lines = source.split("\n");
  const report = (text, kind) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    const index = source.indexOf(text.trim().split("\n")[0].trim());
    const line = index < 0 ? 0 : source.slice(0, index).split("\n").length;
    if (line > 0 && (lines[line - 1].includes("i18n-ignore") || lines[line - 2]?.includes("i18n-ignore"))) return;
    findings.push({ path: relative(root, path), line, kind, text: trimmed.slice(0, 90) });
  };
  const ast = parseSync(source, { syntax: "typescript", tsx: path.endsWith(".tsx") });

  function visit(node, silent) {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((child) => visit(child, silent));
    switch (node.type) {
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "TsTypeAnnotation":
      case "TsTypeAliasDeclaration":
      case "TsInterfaceDeclaration":
      case "TsLiteralType":
        return;
      case "JSXText":
        if (LETTER.test(node.value)) report(node.value, "JSX text");
        return;
      case "JSXAttribute": {
        const name = node.name?.value ?? node.name?.name?.value;
        const value = node.value;
        if (HUMAN_ATTRIBUTES.has(name)) {
          if (value?.type === "StringLiteral" && LETTER.test(value.value)) report(value.value, `${name}=`);
          else visit(value, false);
          return visit(value, true);
        }
        return visit(value, true);
      }
      case "KeyValueProperty": {
        const key = node.key?.value;
        if (HUMAN_PROPERTIES.has(key) && node.value?.type === "StringLiteral" && LETTER.test(node.value.value)) {
          return report(node.value.value, `${key}:`);
        }
        return visit(node.value, silent);
      }
      case "CallExpression":
      case "NewExpression": {
        const name = calleeName(node.callee);
        visit(node.callee, silent);
        return visit(node.arguments, silent ? true : SILENT_CALLEES.has(name));
      }
      case "StringLiteral":
        if (!silent && SENTENCE.test(node.value)) report(node.value, "string");
        return;
      case "TemplateLiteral": {
        const text = templateText(node);
        if (!silent && SENTENCE.test(text.trim())) report(node.quasis[0].cooked ?? node.quasis[0].raw, "template");
        return visit(node.expressions, silent);
      }
      default:
        for (const [key, child] of Object.entries(node)) if (key !== "span" && typeof child === "object") visit(child, silent);
    }
  }
  visit(ast.body, false);
}

files(root).forEach(check);
if (process.argv.includes("--summary")) {
  const counts = new Map();
  for (const { path } of findings) {
    const folder = path
      .split("/")
      .slice(0, path.startsWith("features/") ? 2 : 1)
      .join("/");
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  for (const [folder, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(5)}  ${folder}`);
}
for (const { path, line, kind, text } of process.argv.includes("--summary") ? [] : findings) {
  console.log(`web/src/${path}:${line}  ${kind}  ${JSON.stringify(text)}`);
}
if (findings.length > 0) {
  console.error(`\n${findings.length} text(s) for people outside the catalogues: use t() (web/src/lib/i18n.ts, decision 0047).`);
  process.exit(1);
}
