import type { ContractDocumentDetail } from "@pwp/shared/contract-documents";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { useDeleteContractDocument } from "../api/delete-contract-document";
import { describeDocumentError, isDocumentConflict } from "./describe-document-error";

type DeleteDocumentButtonProps = {
  detail: Pick<ContractDocumentDetail, "id" | "contractId" | "version">;
  /** A 409: it was sent or changed meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
};

/** Deletes a draft that was never sent, after a confirmation in place (a sent one is cancelled instead). */
export function DeleteDocumentButton({ detail, onConflict }: DeleteDocumentButtonProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteContractDocument();
  const [isConfirming, setIsConfirming] = useState(false);

  if (!isConfirming) {
    return (
      <Button variant="secondary" className="button--danger-outline" onClick={() => setIsConfirming(true)}>
        {t("contractDocuments.actions.delete")}
      </Button>
    );
  }
  return (
    <div className="inline-confirm">
      <p>{t("contractDocuments.actions.deleteConfirm")}</p>
      {remove.error && !isDocumentConflict(remove.error) && <Alert>{describeDocumentError(remove.error, t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button
          className="button--danger"
          isLoading={remove.isPending}
          onClick={() =>
            remove.mutate(
              { documentId: detail.id, contractId: detail.contractId, version: detail.version },
              {
                onSuccess: () => void navigate(paths.contract.getHref(detail.contractId), { replace: true }),
                onError: (error) => {
                  if (isDocumentConflict(error)) {
                    setIsConfirming(false);
                    onConflict(error);
                  }
                },
              },
            )
          }
        >
          {t("contractDocuments.actions.deleteSubmit")}
        </Button>
        <Button variant="secondary" onClick={() => setIsConfirming(false)} disabled={remove.isPending}>
          {t("contractDocuments.actions.keep")}
        </Button>
      </div>
    </div>
  );
}
