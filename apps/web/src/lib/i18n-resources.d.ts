// Types t() keys from the English dictionary, so a typo in a key fails the typecheck instead of showing the key.
import "i18next";
import type en from "@/locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
