import type { GuaranteeCertificateDocument } from "@pwp/shared/guarantees";
import { useTranslation } from "react-i18next";
import { getCurrentLocale } from "@/lib/i18n";
import { describeCertificate, type CertificateParty, type CertificateRow, type Translate } from "../certificate-fields";

/**
 * One version's certificate as the surety signed it: a row per field, labelled in the viewer's language, with a
 * column for the values as the certificate writes them when the viewer reads another language.
 */
export function CertificateView({ document, caption }: { document: GuaranteeCertificateDocument; caption: string }) {
  const { t } = useTranslation();
  const viewer = getCurrentLocale();
  // The keys are built from the shared enums (kinds, version kinds) and verify.certificate.*; the typed t cannot
  // follow a string built at run time, and the locale test keeps those keys in all three dictionaries.
  const translate: Translate = (key, options) => t(key as "verify.certificate.period", options);
  const rows = describeCertificate(document, viewer, translate);
  const showOriginal = viewer !== document.language;
  const valueColumns = showOriginal ? 2 : 1;

  return (
    <div className="table-scroll">
      <table className="data-table lookup-certificate">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("verify.certificate.item")}</th>
            <th scope="col">{t("verify.certificate.value")}</th>
            {showOriginal && <th scope="col">{t("verify.certificate.asSigned", { language: t(`verify.certificate.languages.${document.language}`) })}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.field}-${index}`}>
              <th scope="row">{t(`verify.certificate.fields.${row.field}`)}</th>
              <CertificateCells row={row} language={document.language} valueColumns={valueColumns} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CertificateCells({ row, language, valueColumns }: { row: CertificateRow; language: string; valueColumns: number }) {
  switch (row.type) {
    case "asSigned":
      return (
        <td colSpan={valueColumns} lang={language} className="lookup-certificate__signed">
          {row.text}
        </td>
      );
    case "party":
      return (
        <td colSpan={valueColumns}>
          <PartyCell party={row.party} language={language} />
        </td>
      );
    case "formatted":
    case "amount":
      return (
        <>
          <td>
            <span className={row.type === "amount" ? "details__number" : undefined}>{row.value}</span>
            {row.type === "amount" && row.words && (
              <span className="lookup-certificate__words" lang={language}>
                {row.words}
              </span>
            )}
          </td>
          {valueColumns === 2 && (
            <td lang={language} className="lookup-certificate__signed">
              {row.original ?? row.value}
            </td>
          )}
        </>
      );
  }
}

function PartyCell({ party, language }: { party: CertificateParty; language: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="lookup-certificate__party-name" lang={language}>
        {party.name}
      </span>
      {party.registrationNumber && (
        <span className="lookup-certificate__party-line">
          {t("verify.certificate.registrationNumber")}: <span className="details__number">{party.registrationNumber}</span>
        </span>
      )}
      {party.representativeName && (
        <span className="lookup-certificate__party-line">
          {t("verify.certificate.representative")}: <span lang={language}>{party.representativeName}</span>
        </span>
      )}
      {party.address && (
        <span className="lookup-certificate__party-line">
          {t("verify.certificate.address")}: <span lang={language}>{party.address}</span>
        </span>
      )}
    </>
  );
}
