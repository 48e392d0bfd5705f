import type { en } from "./locales/en";

// Keys are checked by the type checker against the English catalogues.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: typeof en;
    returnNull: false;
  }
}
