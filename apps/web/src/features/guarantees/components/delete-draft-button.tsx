import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { useDeleteGuarantee } from "../api/delete-guarantee";
import { describeGuaranteeError } from "./describe-guarantee-error";

/** Deletes a draft application that was never sent, after a confirmation in place. */
export function DeleteDraftButton({ guaranteeId }: { guaranteeId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteGuarantee();
  const [isConfirming, setIsConfirming] = useState(false);

  if (!isConfirming) {
    return (
      <Button variant="secondary" className="button--danger-outline" onClick={() => setIsConfirming(true)}>
        {t("guarantees.actions.delete")}
      </Button>
    );
  }
  return (
    <div className="inline-confirm">
      <p>{t("guarantees.actions.deleteConfirm")}</p>
      {remove.error && <Alert>{describeGuaranteeError(remove.error, t)}</Alert>}
      <div className="inline-confirm__actions">
        <Button
          className="button--danger"
          isLoading={remove.isPending}
          onClick={() => remove.mutate(guaranteeId, { onSuccess: () => void navigate(paths.guarantees.getHref(), { replace: true }) })}
        >
          {t("guarantees.actions.deleteSubmit")}
        </Button>
        <Button variant="secondary" onClick={() => setIsConfirming(false)} disabled={remove.isPending}>
          {t("guarantees.actions.keep")}
        </Button>
      </div>
    </div>
  );
}
