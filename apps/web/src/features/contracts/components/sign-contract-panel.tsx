import type { CurrentUser } from "@pwp/shared/auth";
import type { ContractDetail } from "@pwp/shared/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SignPdfRevisionPanel } from "@/components/sign-pdf-revision-panel";
import { storeChangedContract } from "../api/get-contract";
import { runContractSigning } from "../signing/run-contract-signing";
import { describeContractError, isContractConflict } from "./describe-contract-error";

type SignContractPanelProps = {
  detail: ContractDetail;
  user: CurrentUser;
  onClose: () => void;
  /** A 409: the contract moved on meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
};

/** 전자서명 · 電子署名: the shared signing panel, over the contract's current revision and its signature endpoint. */
export function SignContractPanel({ detail, user, onClose, onConflict }: SignContractPanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <SignPdfRevisionPanel
      user={user}
      title={t("contracts.sign.title")}
      sha256={detail.currentRevision?.sha256 ?? null}
      sign={(input) => runContractSigning({ queryClient, detail, ...input })}
      onSigned={(signed) => storeChangedContract(queryClient, signed)}
      describeDone={(signed) => (signed.status === "COMPLETED" ? t("contracts.sign.doneCompleted") : t("contracts.sign.done"))}
      isConflict={isContractConflict}
      onConflict={onConflict}
      describeApiError={(error) => describeContractError(error, t)}
      onClose={onClose}
    />
  );
}
