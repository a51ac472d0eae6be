import type { RegistrationView } from "@pwp/shared/registration";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";

type Row = { label: string; value: string; lang?: string; isNumber?: boolean };

/** Every field of an application, as submitted. */
export function RegistrationDetails({ application, extraRows = [] }: { application: RegistrationView; extraRows?: readonly Row[] }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const localLanguage = application.country === "KR" ? "ko" : "ja";
  const rows: Row[] = [
    { label: t("registration.fields.kind"), value: t(`organizationKinds.${application.kind}`) },
    { label: t("registration.fields.country"), value: t(`countries.${application.country}`) },
    {
      label: t(`registrationNumberKinds.${application.country}`),
      value: formatRegistrationNumber(application.country, application.registrationNumber),
      isNumber: true,
    },
    { label: t("registration.fields.nameLocal"), value: application.nameLocal, lang: localLanguage },
    { label: t("registration.fields.nameLatin"), value: application.nameLatin, lang: "en" },
    { label: t("registration.fields.representativeName"), value: application.representativeName, lang: localLanguage },
    { label: t("registration.fields.address"), value: application.address, lang: localLanguage },
    { label: t("registration.fields.contactName"), value: application.contactName, lang: localLanguage },
    { label: t("registration.fields.contactEmail"), value: application.contactEmail },
    { label: t("registration.fields.contactPhone"), value: application.contactPhone },
    ...extraRows,
    { label: t("registration.fields.submittedAt"), value: formatDateTime(new Date(application.submittedAt), language) },
  ];
  return (
    <dl className="details">
      {rows.map((row) => (
        <div className="details__row" key={row.label}>
          <dt>{row.label}</dt>
          <dd lang={row.lang} className={row.isNumber ? "details__number" : undefined}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
