import { LOCALES, type Locale } from "@pwp/shared/enums";
import { useTranslation } from "react-i18next";
import { getCurrentLocale, isLocale, LANGUAGE_NAMES } from "@/lib/i18n";
import { Select } from "./select";

const LANGUAGE_OPTIONS = LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale], lang: locale }));

/** onChange: also called with the new language (signed in, the app saves it as the language of the user's e-mail). */
export function LanguageSwitcher({ className, onChange }: { className?: string; onChange?: (locale: Locale) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      className={["language-switcher", className].filter(Boolean).join(" ")}
      label={t("language.label")}
      options={LANGUAGE_OPTIONS}
      value={getCurrentLocale()}
      onChange={(event) => {
        const locale = event.target.value;
        if (!isLocale(locale)) return;
        void i18n.changeLanguage(locale);
        onChange?.(locale);
      }}
    />
  );
}
