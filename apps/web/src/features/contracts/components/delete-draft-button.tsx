import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { useDeleteContract } from "../api/delete-contract";
import { describeContractError } from "./describe-contract-error";

/** Deletes a draft that was never sent, after a confirmation in place (a sent contract is cancelled instead). */
export function DeleteDraftButton({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteContract();
  const [isConfirming, setIsConfirming] = useState(false);

  if (!isConfirming) {
    return (
      <Button variant="secondary" className="button--danger-outline" onClick={() => setIsConfirming(true)}>
        {t("contracts.actions.delete")}
      </Button>
    );
  }
  return (
    <div className="inline-confirm">
      <p>{t("contracts.actions.deleteConfirm")}</p>
      {remove.error && <Alert>{describeContractError(remove.error, t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button
          className="button--danger"
          isLoading={remove.isPending}
          onClick={() => remove.mutate(contractId, { onSuccess: () => void navigate(paths.contracts.getHref(), { replace: true }) })}
        >
          {t("contracts.actions.deleteSubmit")}
        </Button>
        <Button variant="secondary" onClick={() => setIsConfirming(false)} disabled={remove.isPending}>
          {t("contracts.actions.keep")}
        </Button>
      </div>
    </div>
  );
}
