import type { CurrentUser } from "@pwp/shared/auth";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { SigningKeyType } from "@/lib/key-store";
import { useCreateCertificateRequest } from "../api/create-certificate-request";
import { describeCertificateError } from "../describe-error";

const KEY_TYPES: readonly SigningKeyType[] = ["EC-P256", "RSA-2048"];

/** Makes a key pair in this browser and sends its certificate request; the representative (or ops) approves it. */
export function RequestCertificateForm({ user, onClose }: { user: CurrentUser; onClose: () => void }) {
  const { t } = useTranslation();
  const createRequest = useCreateCertificateRequest(user);
  const [keyType, setKeyType] = useState<SigningKeyType>("EC-P256");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createRequest.mutate(keyType, { onSuccess: onClose });
  }

  return (
    <form className="form certificate-form" onSubmit={submit} noValidate>
      <h3>{t("certificates.request.title")}</h3>
      <p>{t("certificates.request.text")}</p>
      <Select
        label={t("certificates.request.keyType")}
        value={keyType}
        onChange={(event) => setKeyType(event.target.value as SigningKeyType)}
        options={KEY_TYPES.map((value) => ({ value, label: t(`certificates.keyTypes.${value === "RSA-2048" ? "RSA" : "EC-P256"}`) }))}
      />
      <p className="muted">{t(`certificates.request.keyTypeHints.${keyType}`)}</p>
      {createRequest.error && <Alert>{describeCertificateError(createRequest.error, "request", t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button type="submit" isLoading={createRequest.isPending}>
          {t("certificates.request.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={createRequest.isPending}>
          {t("certificates.cancel")}
        </Button>
      </div>
    </form>
  );
}
