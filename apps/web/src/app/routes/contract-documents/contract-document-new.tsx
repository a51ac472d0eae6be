import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useContractDocuments } from "@/features/contract-documents/api/get-contract-documents";
import { describeDocumentError } from "@/features/contract-documents/components/describe-document-error";
import { DocumentFormPage } from "@/features/contract-documents/components/document-form-page";
import { isDocumentKind } from "@/features/contract-documents/document-form";

export function ContractDocumentNewRoute() {
  const { t } = useTranslation();
  const { contractId = "" } = useParams();
  const [searchParams] = useSearchParams();
  const kind = searchParams.get("kind");
  const list = useContractDocuments(contractId);
  const back = (
    <p>
      <Link to={paths.contract.getHref(contractId)}>{t("contractDocuments.detail.backToContract")}</Link>
    </p>
  );

  if (list.isPending) return <Spinner label={t("app.loading")} size="large" />;
  if (list.error) {
    return (
      <>
        <h1>{t("contractDocuments.detail.notFoundTitle")}</h1>
        <Alert>{describeDocumentError(list.error, t)}</Alert>
        {back}
      </>
    );
  }
  // Only the kinds the user's side may start now (one of a kind open at a time; an invoice after a passed inspection).
  if (!isDocumentKind(kind) || !list.data.canCreate.includes(kind)) {
    return (
      <>
        <h1>{isDocumentKind(kind) ? t(`contractDocuments.form.createTitle.${kind}`) : t("contractDocuments.form.unknownKindTitle")}</h1>
        <Alert tone="warning">{isDocumentKind(kind) ? t("contractDocuments.form.notCreatable") : t("contractDocuments.form.unknownKind")}</Alert>
        {back}
      </>
    );
  }
  // Keyed by kind: switching from one form to another starts afresh.
  return <DocumentFormPage key={kind} mode="create" contractId={contractId} kind={kind} standing={list.data.standing} />;
}
