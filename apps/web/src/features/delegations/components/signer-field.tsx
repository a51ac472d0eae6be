import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { commonNameOf, type DelegationSigner } from "../signing";

/** The user's signing certificates as the page knows them, and the one chosen for signing. */
export type SigningState = {
  /** undefined while they are being looked up (the certificate list, and the keys in this browser). */
  signers: readonly DelegationSigner[] | undefined;
  hasError: boolean;
  signer: DelegationSigner | null;
  onSelect: (certificateId: string) => void;
};

/**
 * Which certificate will sign, shown where the user acts. Without one, says why nothing can be signed here and
 * where to get one; the form then offers no submit button.
 */
export function SignerField({ signing }: { signing: SigningState }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { signers, signer } = signing;
  if (signing.hasError) return <Alert tone="warning">{t("delegations.signing.loadError")}</Alert>;
  if (signers === undefined) return <Spinner label={t("delegations.signing.loading")} />;
  if (!signer) {
    return (
      <Notice>
        <p>{t("delegations.signing.needCertificate")}</p>
        <p>
          <Link className="arrow-link" to={paths.certificates.getHref()}>
            {t("delegations.signing.getCertificate")}
          </Link>
        </p>
      </Notice>
    );
  }
  const describe = (entry: DelegationSigner) =>
    t("delegations.signing.certificateOption", {
      name: commonNameOf(entry.certificate.subjectDn),
      time: formatDateTime(new Date(entry.certificate.notAfter), language),
    });
  if (signers.length === 1) return <p className="muted">{t("delegations.signing.signingWith", { certificate: describe(signer) })}</p>;
  return (
    <Select
      label={t("delegations.signing.certificate")}
      name="certificateId"
      value={signer.certificate.id}
      onChange={(event) => signing.onSelect(event.target.value)}
      options={signers.map((entry) => ({ value: entry.certificate.id, label: describe(entry) }))}
    />
  );
}
