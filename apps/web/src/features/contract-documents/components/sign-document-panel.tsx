import type { CurrentUser } from "@pwp/shared/auth";
import type { ContractDocumentDetail } from "@pwp/shared/contract-documents";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SignPdfRevisionPanel } from "@/components/sign-pdf-revision-panel";
import { storeChangedDocument } from "../api/get-contract-document";
import { runDocumentSigning } from "../signing/run-document-signing";
import { describeDocumentError, isDocumentConflict } from "./describe-document-error";

type SignDocumentPanelProps = {
  detail: ContractDocumentDetail;
  user: CurrentUser;
  onClose: () => void;
  /** A 409: the document moved on meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
};

/** 전자서명 · 電子署名: the shared signing panel, over the document's current revision and its signature endpoint. */
export function SignDocumentPanel({ detail, user, onClose, onConflict }: SignDocumentPanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The orderer's signature on an invoice is its receipt.
  const titleKey = detail.kind === "INVOICE" && detail.mySide === "ORDERER" ? "INVOICE_RECEIPT" : detail.kind;
  return (
    <SignPdfRevisionPanel
      user={user}
      title={t(`contractDocuments.sign.title.${titleKey}`)}
      sha256={detail.currentRevision?.sha256 ?? null}
      sign={(input) => runDocumentSigning({ queryClient, detail, ...input })}
      onSigned={(signed) => storeChangedDocument(queryClient, signed)}
      describeDone={(signed) => (signed.status === "COMPLETED" ? t("contractDocuments.sign.doneCompleted") : t("contractDocuments.sign.done"))}
      isConflict={isDocumentConflict}
      onConflict={onConflict}
      describeApiError={(error) => describeDocumentError(error, t)}
      onClose={onClose}
    />
  );
}
