import "@testing-library/jest-dom";
import { TextDecoder, TextEncoder } from "node:util";

// jsdom lacks these; react-router uses them.
Object.assign(globalThis, { TextEncoder, TextDecoder });

// Every English catalogue at once, so components render their words synchronously (the app
// loads most of them when first needed), and a switch to another language loads all of its own.
import { en } from "./src/locales/en";
import { i18next } from "./src/lib/i18n";

for (const [namespace, catalogue] of Object.entries(en)) i18next.addResourceBundle("en", namespace, catalogue);
void i18next.loadNamespaces(Object.keys(en));
