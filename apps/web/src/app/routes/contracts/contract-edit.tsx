import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useContract } from "@/features/contracts/api/get-contract";
import { ContractFormPage } from "@/features/contracts/components/contract-form-page";
import { describeContractError } from "@/features/contracts/components/describe-contract-error";

export function ContractEditRoute() {
  const { t } = useTranslation();
  const { contractId = "" } = useParams();
  const contract = useContract(contractId);
  if (contract.isPending) return <Spinner label={t("app.loading")} size="large" />;
  if (contract.error) {
    return (
      <>
        <h1>{t("contracts.detail.notFoundTitle")}</h1>
        <Alert>{describeContractError(contract.error, t)}</Alert>
      </>
    );
  }
  const detail = contract.data;
  // Only drafts and returned contracts can be revised; a link to the edit page of another one leads back to it.
  if (!detail.allowedActions.includes("EDIT")) {
    return (
      <>
        <h1>{detail.title}</h1>
        <Alert tone="warning">{t("contracts.form.notEditable")}</Alert>
        <p>
          <Link to={paths.contract.getHref(detail.id)}>{t("contracts.form.backToContract")}</Link>
        </p>
      </>
    );
  }
  // Keyed by id only: a refetch after saving must not wipe what is being typed.
  return (
    <ContractFormPage
      key={detail.id}
      mode="edit"
      currency={detail.currency}
      contract={detail}
      onReload={async () => (await contract.refetch()).data}
    />
  );
}
