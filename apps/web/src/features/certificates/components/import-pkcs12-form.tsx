import type { Certificate } from "@pwp/shared/certificates";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useImportCertificate } from "../api/import-certificate";
import { describeCertificateError, pkiErrorCodeOf } from "../describe-error";

/** How to re-export a file with modern encryption: OpenSSL 3's defaults are AES-256-CBC with PBKDF2 (no -legacy). */
const REEXPORT_COMMAND = "openssl pkcs12 -export -in cert.pem -inkey key.pem -out new.p12";

/** A PKCS#12 file is at most a few kB; anything far larger is not one, and is not read into memory. */
const MAX_PKCS12_BYTES = 1024 * 1024;

type ImportPkcs12FormProps = {
  userId: string;
  /** The user's registered certificates: importing one of them again only puts its key back into this browser. */
  registered: readonly Certificate[];
  onClose: () => void;
};

/** Opens a .p12/.pfx file in the browser: the key is kept here (non-extractable), only the certificate is sent. */
export function ImportPkcs12Form({ userId, registered, onClose }: ImportPkcs12FormProps) {
  const { t } = useTranslation();
  const importCertificate = useImportCertificate(userId);
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<"imported" | "restored" | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    if (!file) {
      setFileError(t("certificates.import.fileRequired"));
      return;
    }
    if (file.size > MAX_PKCS12_BYTES) {
      setFileError(t("certificates.import.fileTooLarge"));
      return;
    }
    importCertificate.mutate({ file, password, registered }, { onSuccess: (outcome) => setResult(outcome.kind) });
  }

  return (
    <form className="form certificate-form" onSubmit={submit} noValidate>
      <h3>{t("certificates.import.title")}</h3>
      <p>{t("certificates.import.text")}</p>
      <div className={["field", fileError && "field--invalid"].filter(Boolean).join(" ")}>
        <label className="field__label" htmlFor={fileId}>
          {t("certificates.import.file")}
        </label>
        <p className="field__hint" id={`${fileId}-hint`}>
          {t("certificates.import.fileHint")}
        </p>
        <input
          id={fileId}
          type="file"
          name="pkcs12"
          accept=".p12,.pfx,application/x-pkcs12"
          className="field__input"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={[`${fileId}-hint`, fileError && `${fileId}-error`].filter(Boolean).join(" ")}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setFileError(null);
            importCertificate.reset();
          }}
        />
        {fileError && (
          <p className="field__error" id={`${fileId}-error`}>
            {fileError}
          </p>
        )}
      </div>
      <TextField
        label={t("certificates.import.password")}
        type="password"
        name="pkcs12-password"
        autoComplete="off"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {importCertificate.error && (
        <Alert>
          <p>{describeCertificateError(importCertificate.error, "import", t)}</p>
          {pkiErrorCodeOf(importCertificate.error) === "LEGACY_ENCRYPTION" && (
            <>
              <pre className="certificate-form__command">
                <code>{REEXPORT_COMMAND}</code>
              </pre>
              <p>{t("certificates.errors.pkcs12.legacyCommandHint")}</p>
            </>
          )}
        </Alert>
      )}
      {result && (
        <p role="status" className="certificate-form__result">
          {t(result === "imported" ? "certificates.import.done" : "certificates.import.restored")}
        </p>
      )}
      <div className="inline-confirm__actions">
        <Button type="submit" isLoading={importCertificate.isPending}>
          {t("certificates.import.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={importCertificate.isPending}>
          {result ? t("certificates.close") : t("certificates.cancel")}
        </Button>
      </div>
    </form>
  );
}
