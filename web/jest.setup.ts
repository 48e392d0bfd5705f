import "@testing-library/jest-dom";
import { TextDecoder, TextEncoder } from "node:util";

// jsdom lacks these; react-router uses them.
Object.assign(globalThis, { TextEncoder, TextDecoder });

// The catalogues, in English (bundled and loaded synchronously), as the app starts with them.
import "./src/lib/i18n";
