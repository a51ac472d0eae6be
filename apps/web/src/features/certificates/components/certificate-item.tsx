import type { CurrentUser } from "@pwp/shared/auth";
import {
  CERTIFICATE_VALIDITY_YEARS,
  REISSUE_REASONS,
  REVOCATION_REASONS,
  type Certificate,
  type ReissueReason,
  type RevocationReason,
} from "@pwp/shared/certificates";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useReissueCertificate } from "../api/reissue-certificate";
import { useRenewCertificate } from "../api/renew-certificate";
import { useRevokeCertificate } from "../api/revoke-certificate";
import { displayedStatusOf, renewedUntilOf } from "../certificate-status";
import { describeCertificateError } from "../describe-error";

type CertificateItemProps = {
  user: CurrentUser;
  certificate: Certificate;
  /** Whether this browser holds the private key; null while the key store is being read (or cannot be). */
  isKeyHere: boolean | null;
};

type OpenAction = "renew" | "reissue" | "revoke" | null;

/** One certificate: its status and details, and renewal, reissue and revocation, each confirmed before it happens. */
export function CertificateItem({ user, certificate, isKeyHere }: CertificateItemProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const [openAction, setOpenAction] = useState<OpenAction>(null);
  const status = displayedStatusOf(certificate, new Date());
  const isOwn = certificate.holder.id === user.id;
  const canRevoke = certificate.status !== "REVOKED" && certificate.status !== "EXPIRED";
  const close = () => setOpenAction(null);

  return (
    <li className="certificate-item">
      <p className="certificate-item__heading">
        <span className="certificate-item__title">{t(`certificates.origins.${certificate.origin}`)}</span>
        <span className={`status-badge status-badge--certificate-${status}`}>{t(`certificates.statuses.${status}`)}</span>
      </p>
      <dl className="details">
        <div className="details__row">
          <dt>{t("certificates.fields.period")}</dt>
          <dd>
            {t("certificates.fields.periodValue", {
              from: formatDateTime(new Date(certificate.notBefore), language),
              until: formatDateTime(new Date(certificate.notAfter), language),
            })}
          </dd>
        </div>
        {certificate.revokedAt && (
          <div className="details__row">
            <dt>{t("certificates.fields.revocation")}</dt>
            <dd>
              {t("certificates.fields.revocationValue", {
                at: formatDateTime(new Date(certificate.revokedAt), language),
                reason: t(`certificates.revocationReasons.${certificate.revocationReason ?? "unspecified"}`),
              })}
            </dd>
          </div>
        )}
        <div className="details__row">
          <dt>{t("certificates.fields.serial")}</dt>
          <dd>
            <code className="certificate-item__serial">{certificate.serialNumberHex}</code>
          </dd>
        </div>
        <div className="details__row">
          <dt>{t("certificates.fields.issuer")}</dt>
          <dd>{certificate.issuerDn}</dd>
        </div>
        <div className="details__row">
          <dt>{t("certificates.fields.subject")}</dt>
          <dd>{certificate.subjectDn}</dd>
        </div>
        <div className="details__row">
          <dt>{t("certificates.fields.keyType")}</dt>
          <dd>{t(`certificates.keyTypes.${certificate.keyAlgorithm === "RSA" ? "RSA" : "EC-P256"}`)}</dd>
        </div>
        <div className="details__row">
          <dt>{t("certificates.fields.key")}</dt>
          <dd>{isKeyHere === null ? "…" : isKeyHere ? t("certificates.keyHere.yes") : t("certificates.keyHere.no")}</dd>
        </div>
        <div className="details__row">
          <dt>{t("certificates.fields.fingerprint")}</dt>
          <dd>
            <code className="certificate-item__fingerprint">{certificate.fingerprintSha256}</code>
          </dd>
        </div>
      </dl>

      {isKeyHere === false && certificate.status === "VALID" && isOwn && (
        <p className="muted">{certificate.canReissue ? t("certificates.keyHere.missingReissue") : t("certificates.keyHere.missingImport")}</p>
      )}
      {certificate.status === "VALID" && !certificate.canRenew && certificate.renewableFrom && status === "VALID" && (
        <p className="muted">{t("certificates.renew.opensOn", { date: formatDateTime(new Date(certificate.renewableFrom), language) })}</p>
      )}

      {openAction === null && isOwn && (
        <div className="certificate-item__actions">
          {certificate.canRenew && <Button onClick={() => setOpenAction("renew")}>{t("certificates.renew.open")}</Button>}
          {certificate.canReissue && (
            <Button variant="secondary" onClick={() => setOpenAction("reissue")}>
              {t("certificates.reissue.open")}
            </Button>
          )}
          {canRevoke && (
            <Button className="button--danger-outline" variant="secondary" onClick={() => setOpenAction("revoke")}>
              {t("certificates.revoke.open")}
            </Button>
          )}
        </div>
      )}
      {openAction === "renew" && <RenewForm user={user} certificate={certificate} onClose={close} />}
      {openAction === "reissue" && <ReissueForm user={user} certificate={certificate} onClose={close} />}
      {openAction === "revoke" && <RevokeForm certificate={certificate} onClose={close} />}
    </li>
  );
}

type ActionFormProps = { certificate: Certificate; onClose: () => void };

function RenewForm({ user, certificate, onClose }: ActionFormProps & { user: CurrentUser }) {
  const { t } = useTranslation();
  const renew = useRenewCertificate(user);
  const until = renewedUntilOf(certificate, CERTIFICATE_VALIDITY_YEARS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    renew.mutate(certificate, { onSuccess: onClose });
  }

  return (
    <form className="form inline-confirm certificate-item__form" onSubmit={submit} noValidate>
      <p>{t("certificates.renew.confirm", { date: formatDateTime(until, getCurrentLocale()) })}</p>
      {renew.error && <Alert>{describeCertificateError(renew.error, "renew", t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button type="submit" isLoading={renew.isPending}>
          {t("certificates.renew.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={renew.isPending}>
          {t("certificates.cancel")}
        </Button>
      </div>
    </form>
  );
}

function ReissueForm({ user, certificate, onClose }: ActionFormProps & { user: CurrentUser }) {
  const { t } = useTranslation();
  const reissue = useReissueCertificate(user);
  const [reason, setReason] = useState<ReissueReason>("superseded");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reissue.mutate({ certificate, reason }, { onSuccess: onClose });
  }

  return (
    <form className="form inline-confirm certificate-item__form" onSubmit={submit} noValidate>
      <p>{t("certificates.reissue.confirm")}</p>
      <Select
        label={t("certificates.reissue.reason")}
        value={reason}
        onChange={(event) => setReason(event.target.value as ReissueReason)}
        options={REISSUE_REASONS.map((value) => ({ value, label: t(`certificates.revocationReasons.${value}`) }))}
      />
      <p className="muted">{t(`certificates.reissue.reasonHints.${reason}`)}</p>
      {reissue.error && <Alert>{describeCertificateError(reissue.error, "reissue", t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button type="submit" isLoading={reissue.isPending}>
          {t("certificates.reissue.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={reissue.isPending}>
          {t("certificates.cancel")}
        </Button>
      </div>
    </form>
  );
}

function RevokeForm({ certificate, onClose }: ActionFormProps) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState<RevocationReason>("unspecified");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    revoke.mutate({ certificateId: certificate.id, reason }, { onSuccess: onClose });
  }

  return (
    <form className="form inline-confirm certificate-item__form" onSubmit={submit} noValidate>
      <p>{t(certificate.origin === "IMPORTED" ? "certificates.revoke.confirmImported" : "certificates.revoke.confirm")}</p>
      <Select
        label={t("certificates.revoke.reason")}
        value={reason}
        onChange={(event) => setReason(event.target.value as RevocationReason)}
        options={REVOCATION_REASONS.map((value) => ({ value, label: t(`certificates.revocationReasons.${value}`) }))}
      />
      {revoke.error && <Alert>{describeCertificateError(revoke.error, "revoke", t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button type="submit" className="button--danger" isLoading={revoke.isPending}>
          {t("certificates.revoke.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={revoke.isPending}>
          {t("certificates.cancel")}
        </Button>
      </div>
    </form>
  );
}
