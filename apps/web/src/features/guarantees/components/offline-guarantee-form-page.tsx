import type { CurrentUser } from "@pwp/shared/auth";
import { CURRENCIES, CURRENCY_BY_COUNTRY, GUARANTEE_KINDS } from "@pwp/shared/contracts";
import { GUARANTEE_TEXT_MAX_LENGTH } from "@pwp/shared/guarantees";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { readFieldErrors } from "@/lib/form-errors";
import { useCreateOfflineGuarantee } from "../api/create-offline-guarantee";
import { useContractOptions } from "../api/get-contract-options";
import { applyOfflineContract, emptyOfflineForm, OFFLINE_FILE_TYPES, toOfflineData, type OfflineFormProblems, type OfflineFormValues } from "../offline-guarantee-form";
import { describeGuaranteeError } from "./describe-guarantee-error";
import "../guarantees.css";

/** 오프라인 보증 등록 · 紙の保証の登録: a guarantee issued outside the platform, kept with its scan and marked unverified. */
export function OfflineGuaranteeFormPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fileId = useId();
  const fileHintId = useId();
  const fileErrorId = useId();
  const [values, setValues] = useState<OfflineFormValues>(() => emptyOfflineForm(CURRENCY_BY_COUNTRY[user.organization.country]));
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<OfflineFormProblems>({});
  const create = useCreateOfflineGuarantee();
  const contracts = useContractOptions();
  // The API names the metadata fields as body.data.<field> or body.<field>; both land on the same input.
  const apiErrors = { ...readFieldErrors(create.error), ...readFieldErrors(create.error, "body.data.") };
  const title = t("guarantees.offline.title");

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`guarantees.form.problems.${problem}`) : apiErrors[field];
  }

  function change<K extends keyof OfflineFormValues>(key: K, value: OfflineFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function chooseContract(contractId: string) {
    const contract = contracts.data?.find((candidate) => candidate.id === contractId);
    setValues((current) => (contract ? applyOfflineContract(current, contract) : { ...current, contractId: "" }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.reset();
    const result = toOfflineData(values, file);
    setProblems("problems" in result ? result.problems : {});
    if ("data" in result && file) create.mutate({ data: result.data, file }, { onSuccess: (saved) => void navigate(paths.guarantee.getHref(saved.id)) });
  }

  const fileError = errorOf("file");

  return (
    <div className="guarantees guarantee-form-page">
      <DocumentTitle page={title} />
      <div className="page-heading">
        <h1>{title}</h1>
        <p className="page-heading__lead">{t("guarantees.offline.intro")}</p>
      </div>
      <Notice>{t("guarantees.offline.notVerified")}</Notice>

      <form className="form panel guarantee-form" onSubmit={submit} noValidate aria-label={title}>
        {create.error && <Alert>{describeGuaranteeError(create.error, t)}</Alert>}
        {!create.error && Object.keys(problems).length > 0 && <Alert>{t("errors.checkFields")}</Alert>}

        <fieldset className="form__fieldset guarantee-form__group">
          <legend className="guarantee-form__legend">{t("guarantees.offline.sections.guarantee")}</legend>
          <Select
            label={t("guarantees.offline.kind")}
            name="kind"
            value={values.kind}
            aria-invalid={errorOf("kind") ? true : undefined}
            options={[{ value: "", label: t("guarantees.offline.chooseKind") }, ...GUARANTEE_KINDS.map((kind) => ({ value: kind, label: t(`guarantees.kinds.${kind}`) }))]}
            onChange={(event) => change("kind", GUARANTEE_KINDS.find((kind) => kind === event.target.value) ?? "")}
          />
          {errorOf("kind") && <p className="field__error">{errorOf("kind")}</p>}
          <TextField
            label={t("guarantees.offline.issuerName")}
            hint={t("guarantees.offline.issuerNameHint")}
            name="issuerName"
            maxLength={GUARANTEE_TEXT_MAX_LENGTH}
            value={values.issuerName}
            error={errorOf("issuerName")}
            onChange={(event) => change("issuerName", event.target.value)}
          />
          <TextField
            label={t("guarantees.offline.guaranteeNumber")}
            name="guaranteeNumber"
            maxLength={50}
            autoComplete="off"
            spellCheck={false}
            value={values.guaranteeNumber}
            error={errorOf("guaranteeNumber")}
            onChange={(event) => change("guaranteeNumber", event.target.value)}
          />
          <div className="guarantee-form__row">
            <TextField
              label={t("guarantees.offline.guaranteeAmount")}
              name="guaranteeAmount"
              inputMode="numeric"
              autoComplete="off"
              value={values.guaranteeAmount}
              error={errorOf("guaranteeAmount")}
              onChange={(event) => change("guaranteeAmount", event.target.value)}
            />
            <Select
              label={t("guarantees.offline.currency")}
              name="currency"
              value={values.currency}
              options={CURRENCIES.map((currency) => ({ value: currency, label: t(`guarantees.currencies.${currency}`) }))}
              onChange={(event) => change("currency", event.target.value === "JPY" ? "JPY" : "KRW")}
            />
          </div>
          <div className="guarantee-form__row">
            <TextField
              label={t("guarantees.form.guaranteeStartDate")}
              type="date"
              name="guaranteeStartDate"
              value={values.guaranteeStartDate}
              error={errorOf("guaranteeStartDate")}
              onChange={(event) => change("guaranteeStartDate", event.target.value)}
            />
            <TextField
              label={t("guarantees.form.guaranteeEndDate")}
              type="date"
              name="guaranteeEndDate"
              value={values.guaranteeEndDate}
              error={errorOf("guaranteeEndDate")}
              onChange={(event) => change("guaranteeEndDate", event.target.value)}
            />
          </div>
        </fieldset>

        <fieldset className="form__fieldset guarantee-form__group">
          <legend className="guarantee-form__legend">{t("guarantees.form.sections.works")}</legend>
          {contracts.data && contracts.data.length > 0 && (
            <Select
              label={t("guarantees.offline.contract")}
              name="contractId"
              value={values.contractId}
              options={[
                { value: "", label: t("guarantees.offline.noContract") },
                ...contracts.data.map((contract) => ({ value: contract.id, label: `${contract.contractNumber} · ${contract.title} (${contract.orderer.nameLocal})` })),
              ]}
              onChange={(event) => chooseContract(event.target.value)}
            />
          )}
          {contracts.error && <Alert>{describeGuaranteeError(contracts.error, t)}</Alert>}
          <TextField
            label={t("guarantees.form.ordererName")}
            name="ordererName"
            maxLength={GUARANTEE_TEXT_MAX_LENGTH}
            value={values.ordererName}
            error={errorOf("ordererName")}
            onChange={(event) => change("ordererName", event.target.value)}
          />
          <TextField
            label={t("guarantees.form.worksTitle")}
            name="worksTitle"
            maxLength={GUARANTEE_TEXT_MAX_LENGTH}
            value={values.worksTitle}
            error={errorOf("worksTitle")}
            onChange={(event) => change("worksTitle", event.target.value)}
          />
          {values.contractId === "" && (
            <div className="guarantee-form__row">
              <TextField
                label={t("guarantees.form.contractDate")}
                type="date"
                name="contractDate"
                value={values.contractDate}
                error={errorOf("contractDate")}
                onChange={(event) => change("contractDate", event.target.value)}
              />
              <TextField
                label={t("guarantees.form.worksStartDate")}
                type="date"
                name="worksStartDate"
                value={values.worksStartDate}
                error={errorOf("worksStartDate")}
                onChange={(event) => change("worksStartDate", event.target.value)}
              />
              <TextField
                label={t("guarantees.form.worksEndDate")}
                type="date"
                name="worksEndDate"
                value={values.worksEndDate}
                error={errorOf("worksEndDate")}
                onChange={(event) => change("worksEndDate", event.target.value)}
              />
            </div>
          )}
          <TextField
            label={t("guarantees.offline.contractAmount")}
            name="contractAmount"
            inputMode="numeric"
            autoComplete="off"
            value={values.contractAmount}
            error={errorOf("contractAmount")}
            onChange={(event) => change("contractAmount", event.target.value)}
          />
        </fieldset>

        <div className={["field", fileError && "field--invalid"].filter(Boolean).join(" ")}>
          <label className="field__label" htmlFor={fileId}>
            {t("guarantees.offline.file")}
          </label>
          <p className="field__hint" id={fileHintId}>
            {t("guarantees.offline.fileHint")}
          </p>
          <input
            id={fileId}
            className="field__input"
            type="file"
            name="file"
            accept={OFFLINE_FILE_TYPES.join(",")}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={[fileHintId, fileError && fileErrorId].filter(Boolean).join(" ")}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {fileError && (
            <p className="field__error" id={fileErrorId}>
              {fileError}
            </p>
          )}
        </div>

        <div className="guarantee-form__actions">
          <Button type="submit" isLoading={create.isPending}>
            {t("guarantees.offline.save")}
          </Button>
          <Link className="button button--secondary" to={paths.guarantees.getHref()}>
            {t("guarantees.form.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
