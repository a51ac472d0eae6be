import { CONTRACT_ANNEX_MAX_BYTES, type ContractDetail } from "@pwp/shared/contracts";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useDeleteAnnex } from "../api/delete-annex";
import { useUploadAnnex } from "../api/upload-annex";
import { describeContractError } from "./describe-contract-error";

function formatSize(bytes: number, language: string): string {
  return new Intl.NumberFormat(language, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));
}

/** 첨부 조건서 · 添付書類: one PDF appended to the contract PDF when it is sent (general terms, specifications). */
type AnnexSectionProps = {
  contract: ContractDetail;
  /** The version the page's form is on: the annex change carries it like a save does. */
  version: number;
  onChanged: (detail: ContractDetail) => void;
};

export function AnnexSection({ contract, version, onChanged }: AnnexSectionProps) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const upload = useUploadAnnex();
  const remove = useDeleteAnnex();
  const [file, setFile] = useState<File | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const canEdit = contract.allowedActions.includes("EDIT");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.reset();
    if (!file) {
      setLocalProblem(t("contracts.annex.chooseFile"));
      return;
    }
    // Checked here too, so a 30 MB scan is refused before it is uploaded rather than after.
    if (file.size > CONTRACT_ANNEX_MAX_BYTES) {
      setLocalProblem(t("contracts.errors.tooLarge"));
      return;
    }
    setLocalProblem(null);
    upload.mutate(
      { contractId: contract.id, file, version },
      {
        onSuccess: (detail) => {
          onChanged(detail);
          setFile(null);
          (event.target as HTMLFormElement).reset();
        },
      },
    );
  }

  const error = upload.error ?? remove.error;
  return (
    <Card title={t("contracts.annex.title")}>
      <p className="muted">{t("contracts.annex.intro")}</p>
      {contract.annex ? (
        <p>
          {t("contracts.annex.current", { fileName: contract.annex.fileName, size: formatSize(contract.annex.size, i18n.language) })}
        </p>
      ) : (
        <p>{t("contracts.annex.none")}</p>
      )}
      {error && <Alert>{describeContractError(error, t)}</Alert>}
      {canEdit && (
        <form className="form" onSubmit={submit} noValidate>
          <div className={["field", localProblem && "field--invalid"].filter(Boolean).join(" ")}>
            <label className="field__label" htmlFor={inputId}>
              {t("contracts.annex.fileLabel")}
            </label>
            <input
              id={inputId}
              className="field__input"
              type="file"
              accept="application/pdf"
              aria-invalid={localProblem ? true : undefined}
              onChange={(event) => {
                setLocalProblem(null);
                setFile(event.target.files?.[0] ?? null);
              }}
            />
            {localProblem && <p className="field__error">{localProblem}</p>}
          </div>
          <div className="contract-form__item-actions">
            <Button type="submit" variant="secondary" isLoading={upload.isPending}>
              {contract.annex ? t("contracts.annex.replace") : t("contracts.annex.upload")}
            </Button>
            {contract.annex && (
              <Button
                variant="secondary"
                className="button--danger-outline"
                isLoading={remove.isPending}
                onClick={() => {
                  upload.reset();
                  remove.mutate({ contractId: contract.id, version }, { onSuccess: onChanged });
                }}
              >
                {t("contracts.annex.remove")}
              </Button>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
