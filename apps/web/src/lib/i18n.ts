// UI language: Korean, Japanese or English, detected from the user's earlier choice, then from the browser.
import { LOCALES, type Locale } from "@pwp/shared/enums";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "@/locales/en.json";
import ja from "@/locales/ja.json";
import ko from "@/locales/ko.json";

const LANGUAGE_STORAGE_KEY = "pwp.language";

/** Each language named in itself, so a reader finds their own whatever language the page is in. */
export const LANGUAGE_NAMES: Record<Locale, string> = { ko: "한국어", ja: "日本語", en: "English" };

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly (string | undefined)[]).includes(value);
}

/** The language the UI is shown in now (the detector may have seen "en-US"; this is always one of LOCALES). */
export function getCurrentLocale(): Locale {
  const language = i18n.resolvedLanguage;
  return isLocale(language) ? language : "en";
}

function syncDocumentLanguage(): void {
  // Screen readers pick their voice, and CSS its CJK font, from <html lang>.
  document.documentElement.lang = getCurrentLocale();
}

i18n.on("languageChanged", syncDocumentLanguage);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    // The three dictionaries are bundled: they are small, and a language switch then never waits on the network.
    resources: { ko: { translation: ko }, ja: { translation: ja }, en: { translation: en } },
    supportedLngs: [...LOCALES],
    fallbackLng: "en",
    load: "languageOnly",
    initAsync: false,
    detection: {
      order: ["localStorage", "navigator"],
      caches: ["localStorage"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      // Store and match "ja", not "ja-JP": the dictionaries are per language, not per region.
      convertDetectedLanguage: (language) => language.split("-")[0] ?? language,
    },
    // React escapes what it renders; escaping here too would show &amp; to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
    // No vendor message in the user's console.
    showSupportNotice: false,
  });

syncDocumentLanguage();

export { i18n };
