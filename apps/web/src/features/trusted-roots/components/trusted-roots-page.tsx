import { toPem } from "@pwp/pki/encoding";
import type { TrustedRoot } from "@pwp/shared/certificates";
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField } from "@/components/ui/text-field";
import { describeFormError, readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAddTrustedRoot } from "../api/add-trusted-root";
import { useTrustedRoots } from "../api/get-trusted-roots";
import { useRemoveTrustedRoot } from "../api/remove-trusted-root";
import "./trusted-roots.css";

/** Large enough for any root certificate in PEM; the API refuses more than 64 kB anyway. */
const MAX_FILE_BYTES = 64 * 1024;

/** Ops: the roots that imported certificates may chain to. The platform root is listed and cannot be removed. */
export function TrustedRootsPage() {
  const { t } = useTranslation();
  const roots = useTrustedRoots();
  const remove = useRemoveTrustedRoot();
  const removeError = describeFormError(remove.error, t, { byCode: { NOT_FOUND: t("trustedRoots.errors.notFound") } });

  return (
    <div className="trusted-roots">
      <DocumentTitle page={t("trustedRoots.title")} />
      <div className="page-heading">
        <h1>{t("trustedRoots.title")}</h1>
        <p className="page-heading__lead">{t("trustedRoots.intro")}</p>
      </div>

      <Card title={t("trustedRoots.listTitle")}>
        {removeError && <Alert>{removeError}</Alert>}
        {roots.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : roots.isError ? (
          <Alert>{describeFormError(roots.error, t)}</Alert>
        ) : (
          <RootTable roots={roots.data.roots} onRemove={(id) => remove.mutate(id)} removingId={remove.isPending ? remove.variables : null} />
        )}
      </Card>

      <AddTrustedRootForm />
    </div>
  );
}

function RootTable({ roots, onRemove, removingId }: { roots: TrustedRoot[]; onRemove: (id: string) => void; removingId: string | null }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("trustedRoots.columns.subject")}</th>
            <th scope="col">{t("trustedRoots.columns.fingerprint")}</th>
            <th scope="col">{t("trustedRoots.columns.notAfter")}</th>
            <th scope="col">{t("trustedRoots.columns.addedAt")}</th>
            <th scope="col">{t("trustedRoots.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {roots.map((root) => (
            <tr key={root.id ?? "platform"}>
              <th scope="row" className="trusted-roots__subject">
                {root.subjectDn}
              </th>
              <td>
                <code className="trusted-roots__fingerprint">{formatFingerprint(root.fingerprintSha256)}</code>
              </td>
              <td>{formatDateTime(new Date(root.notAfter), language)}</td>
              <td>{root.createdAt ? formatDateTime(new Date(root.createdAt), language) : "—"}</td>
              <td>
                {root.isPlatformRoot || !root.id ? (
                  <span className="badge">{t("trustedRoots.platformRoot")}</span>
                ) : (
                  <Button variant="secondary" onClick={() => root.id && onRemove(root.id)} isLoading={removingId === root.id}>
                    {t("trustedRoots.remove")}
                    <span className="visually-hidden"> {root.subjectDn}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddTrustedRootForm() {
  const { t } = useTranslation();
  const add = useAddTrustedRoot();
  const fileInputId = useId();
  const [pem, setPem] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [isMissing, setIsMissing] = useState(false);
  const [added, setAdded] = useState<TrustedRoot | null>(null);

  const fieldErrors = readFieldErrors(add.error);
  const pemError = isMissing ? t("errors.required") : (fieldErrors.pem ?? null);
  const formError = describeFormError(add.error, t, {
    hasFieldErrors: Boolean(fieldErrors.pem),
    byCode: {
      CONFLICT: add.error?.message ?? "",
      VALIDATION_FAILED: t("trustedRoots.errors.invalid", { reason: add.error?.message ?? "" }),
    },
  });

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    setFileError(null);
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t("trustedRoots.errors.fileTooLarge"));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    // .cer and .crt files come both as PEM text and as binary DER; the API takes PEM.
    setPem(text.includes("-----BEGIN") ? text : toPem(bytes, "CERTIFICATE"));
    setIsMissing(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    if (pem.trim() === "") {
      setIsMissing(true);
      return;
    }
    add.mutate(
      { pem: pem.trim() },
      {
        onSuccess: (root) => {
          setAdded(root);
          setPem("");
        },
      },
    );
  }

  return (
    <Card title={t("trustedRoots.addTitle")}>
      <p>{t("trustedRoots.addIntro")}</p>
      <form className="form" noValidate onSubmit={handleSubmit}>
        {formError && <Alert>{formError}</Alert>}
        {added && (
          <p role="status" className="trusted-roots__added">
            {t("trustedRoots.added", { subject: added.subjectDn })}
          </p>
        )}
        <div className="field">
          <label className="field__label" htmlFor={fileInputId}>
            {t("trustedRoots.fileLabel")}
          </label>
          <input id={fileInputId} type="file" accept=".pem,.crt,.cer,.der" onChange={(event) => void readFile(event)} />
          {fileError && (
            <p className="field__error" role="alert">
              {fileError}
            </p>
          )}
        </div>
        <TextAreaField
          label={t("trustedRoots.pemLabel")}
          hint={t("trustedRoots.pemHint")}
          name="pem"
          rows={10}
          spellCheck={false}
          className="trusted-roots__pem"
          value={pem}
          error={pemError}
          onChange={(event) => {
            setPem(event.target.value);
            setIsMissing(false);
          }}
        />
        <Button type="submit" isLoading={add.isPending}>
          {t("trustedRoots.submit")}
        </Button>
      </form>
    </Card>
  );
}

/** AB:CD:… in groups, as certificate viewers show a fingerprint, so it can be compared with the CA's published one. */
function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(":");
}
