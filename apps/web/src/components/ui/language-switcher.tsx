import { LOCALES } from "@pwp/shared/enums";
import { useTranslation } from "react-i18next";
import { getCurrentLocale, isLocale, LANGUAGE_NAMES } from "@/lib/i18n";
import { Select } from "./select";

const LANGUAGE_OPTIONS = LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale], lang: locale }));

export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      className={["language-switcher", className].filter(Boolean).join(" ")}
      label={t("language.label")}
      options={LANGUAGE_OPTIONS}
      value={getCurrentLocale()}
      onChange={(event) => {
        if (isLocale(event.target.value)) void i18n.changeLanguage(event.target.value);
      }}
    />
  );
}
