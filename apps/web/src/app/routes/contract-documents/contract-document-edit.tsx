import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useContractDocument } from "@/features/contract-documents/api/get-contract-document";
import { useContractDocuments } from "@/features/contract-documents/api/get-contract-documents";
import { describeDocumentError } from "@/features/contract-documents/components/describe-document-error";
import { documentLabel } from "@/features/contract-documents/components/document-label";
import { DocumentFormPage } from "@/features/contract-documents/components/document-form-page";
import { InspectionResultForm } from "@/features/contract-documents/components/inspection-result-form";

export function ContractDocumentEditRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { contractId = "", documentId = "" } = useParams();
  const document = useContractDocument(documentId);
  const list = useContractDocuments(contractId);
  const [conflict, setConflict] = useState<unknown>(null);

  if (document.isPending || list.isPending) return <Spinner label={t("app.loading")} size="large" />;
  const notFound = (message: string) => (
    <>
      <h1>{t("contractDocuments.detail.notFoundTitle")}</h1>
      <Alert>{message}</Alert>
      <p>
        <Link to={paths.contract.getHref(contractId)}>{t("contractDocuments.detail.backToContract")}</Link>
      </p>
    </>
  );
  if (document.isError) return notFound(describeDocumentError(document.error, t));
  if (list.isError) return notFound(describeDocumentError(list.error, t));
  const detail = document.data;
  const standing = list.data.standing;
  if (detail.contractId !== contractId) return notFound(t("contractDocuments.errors.notFound"));
  const label = documentLabel(t, detail.kind, detail.number);
  const documentHref = paths.contractDocument.getHref(detail.contractId, detail.id);
  // Only drafts and returned documents, by their author; a link to the edit page of another one leads back to it.
  if (!detail.allowedActions.includes("EDIT")) {
    return (
      <>
        <h1>{label}</h1>
        <Alert tone="warning">{t("contractDocuments.form.notEditable")}</Alert>
        <p>
          <Link to={documentHref}>{t("contractDocuments.form.backToDocument")}</Link>
        </p>
      </>
    );
  }
  // The orderer writes an inspection's result and nothing of the contractor's request.
  if (detail.kind === "INSPECTION") {
    return (
      <div className="contract-documents">
        <DocumentTitle page={label} />
        <h1>{label}</h1>
        {conflict !== null && (
          <Alert tone="warning">
            {describeDocumentError(conflict, t)} {t("contractDocuments.errors.refreshed")}
          </Alert>
        )}
        <InspectionResultForm
          key={detail.version}
          detail={detail}
          standing={standing}
          onConflict={(error) => {
            setConflict(error);
            void document.refetch();
          }}
          onSaved={(saved) => void navigate(paths.contractDocument.getHref(saved.contractId, saved.id))}
        />
        <p>
          <Link to={documentHref}>{t("contractDocuments.form.backToDocument")}</Link>
        </p>
      </div>
    );
  }
  // Keyed by id only: a refetch after saving must not wipe what is being typed.
  return <DocumentFormPage key={detail.id} mode="edit" document={detail} standing={standing} onReload={async () => (await document.refetch()).data} />;
}
