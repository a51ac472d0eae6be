import type {
  ChangeContent,
  ContractDocumentDetail,
  ContractDocumentInput,
  ContractDocumentKind,
  ContractStanding,
  InspectionContent,
  InvoiceContent,
  UnitPricesContent,
} from "@pwp/shared/contract-documents";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { paths } from "@/config/paths";
import { useCreateContractDocument } from "../api/create-contract-document";
import { useUpdateContractDocument } from "../api/update-contract-document";
import {
  CONTENT_FIELD,
  changeFormFromContent,
  changeFormFromStanding,
  emptyInspectionRequest,
  emptyInvoiceForm,
  emptyUnitPricesForm,
  invoiceableFor,
  invoiceFormFromContent,
  inspectionRequestFromContent,
  toChangeContent,
  toInspectionRequestContent,
  toInvoiceContent,
  toUnitPricesContent,
  unitPricesFormFromContent,
  type ChangeFormValues,
  type DocumentFormProblems,
  type FormResult,
  type InspectionRequestValues,
  type InvoiceFormValues,
  type UnitPricesFormValues,
} from "../document-form";
import { ChangeFields } from "./change-fields";
import { describeDocumentError, isDocumentConflict, readContentErrors } from "./describe-document-error";
import { documentLabel, todayIso } from "./document-label";
import { InspectionRequestFields } from "./inspection-request-fields";
import { InvoiceFields } from "./invoice-fields";
import { UnitPricesFields } from "./unit-prices-fields";
import "../contract-documents.css";

/** The form's values, tagged with the kind they belong to. */
export type DocumentFormState =
  | { kind: "CHANGE"; values: ChangeFormValues }
  | { kind: "UNIT_PRICES"; values: UnitPricesFormValues }
  | { kind: "INSPECTION"; values: InspectionRequestValues }
  | { kind: "INVOICE"; values: InvoiceFormValues };

function emptyFormState(kind: ContractDocumentKind, standing: ContractStanding): DocumentFormState {
  switch (kind) {
    case "CHANGE":
      return { kind, values: changeFormFromStanding(standing) };
    case "UNIT_PRICES":
      return { kind, values: emptyUnitPricesForm() };
    case "INSPECTION":
      return { kind, values: emptyInspectionRequest() };
    case "INVOICE":
      return { kind, values: emptyInvoiceForm(todayIso()) };
  }
}

/** The content the API gave, as the form's values (the API checked it against the kind's schema). */
function formStateFromDetail(detail: ContractDocumentDetail): DocumentFormState {
  switch (detail.kind) {
    case "CHANGE":
      return { kind: "CHANGE", values: changeFormFromContent(detail.content as ChangeContent) };
    case "UNIT_PRICES":
      return { kind: "UNIT_PRICES", values: unitPricesFormFromContent(detail.content as UnitPricesContent) };
    case "INSPECTION":
      return { kind: "INSPECTION", values: inspectionRequestFromContent(detail.content as InspectionContent) };
    case "INVOICE":
      return { kind: "INVOICE", values: invoiceFormFromContent(detail.content as InvoiceContent) };
  }
}

/** What an invoice being revised claimed already: the standing counts it among what is invoiced. */
function ownGross(detail: ContractDocumentDetail | null): number {
  return detail?.kind === "INVOICE" ? (detail.content as InvoiceContent).grossAmount : 0;
}

function toInput(state: DocumentFormState, standing: ContractStanding, invoiceable: number): { input: ContractDocumentInput } | { problems: DocumentFormProblems } {
  const tagged = <K extends ContractDocumentKind, C>(kind: K, result: FormResult<C>) => ("content" in result ? { input: { kind, content: result.content } as ContractDocumentInput } : result);
  switch (state.kind) {
    case "CHANGE":
      return tagged("CHANGE", toChangeContent(state.values, standing.current));
    case "UNIT_PRICES":
      return tagged("UNIT_PRICES", toUnitPricesContent(state.values, standing.current.amount));
    case "INSPECTION":
      return tagged("INSPECTION", toInspectionRequestContent(state.values));
    case "INVOICE":
      return tagged("INVOICE", toInvoiceContent(state.values, invoiceable));
  }
}

type DocumentFormPageProps = { standing: ContractStanding } & (
  | { mode: "create"; contractId: string; kind: ContractDocumentKind }
  | { mode: "edit"; document: ContractDocumentDetail; onReload: () => Promise<ContractDocumentDetail | undefined> }
);

/**
 * 変更契約・単価・検査請求・請求の作成 · 변경계약·단가·검사 요청·청구 작성: a new document of one kind, or the revision of a
 * draft or a returned one. The content is checked here as the API checks it, and the API's field errors are shown
 * on the same fields.
 */
export function DocumentFormPage(props: DocumentFormPageProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { standing } = props;
  const document = props.mode === "edit" ? props.document : null;
  const contractId = props.mode === "edit" ? props.document.contractId : props.contractId;
  const kind = props.mode === "edit" ? props.document.kind : props.kind;
  const [state, setState] = useState<DocumentFormState>(() => (document ? formStateFromDetail(document) : emptyFormState(kind, standing)));
  const [version, setVersion] = useState(document?.version ?? 1);
  const [problems, setProblems] = useState<DocumentFormProblems>({});
  const create = useCreateContractDocument();
  const update = useUpdateContractDocument();
  const save = props.mode === "create" ? create : update;
  const apiErrors = readContentErrors(save.error);
  const isConflict = isDocumentConflict(save.error);
  const invoiceable = invoiceableFor(standing, ownGross(document));

  const title = document
    ? t("contractDocuments.form.editTitle", { document: documentLabel(t, document.kind, document.number) })
    : t(`contractDocuments.form.createTitle.${kind}`);
  const backHref = document ? paths.contractDocument.getHref(contractId, document.id) : paths.contract.getHref(contractId);

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`contractDocuments.form.problems.${problem}`) : apiErrors[field];
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    const result = toInput(state, standing, invoiceable);
    setProblems("problems" in result ? result.problems : {});
    if (!("input" in result)) return;
    const onSuccess = (saved: ContractDocumentDetail) => void navigate(paths.contractDocument.getHref(saved.contractId, saved.id));
    if (document) update.mutate({ documentId: document.id, body: { ...result.input, version } }, { onSuccess });
    else create.mutate({ contractId, body: result.input }, { onSuccess });
  }

  /** After a 409: start again from what is saved now (someone else changed or sent it meanwhile). */
  async function reloadCurrent() {
    if (props.mode !== "edit") return;
    const current = await props.onReload();
    if (!current) return;
    if (!current.allowedActions.includes("EDIT")) {
      void navigate(paths.contractDocument.getHref(current.contractId, current.id));
      return;
    }
    setState(formStateFromDetail(current));
    setVersion(current.version);
    setProblems({});
    save.reset();
  }

  const wholeContentError = errorOf(CONTENT_FIELD);

  return (
    <div className="contract-documents contract-documents__form-page">
      <DocumentTitle page={title} />
      <div className="page-heading">
        {document && (
          <p className="contract-documents__contract details__number">
            {t("contractDocuments.contractLine", { number: document.contractNumber, title: document.contractTitle })}
          </p>
        )}
        <h1>{title}</h1>
        <p className="page-heading__lead">{t(`contractDocuments.form.intro.${kind}`)}</p>
      </div>
      {document?.status === "RETURNED" && <Notice>{t("contractDocuments.form.returnedNotice")}</Notice>}

      <form className="form panel contract-documents__form" onSubmit={submit} noValidate aria-label={title}>
        {save.error && (
          <Alert>
            {describeDocumentError(save.error, t)}
            {isConflict && props.mode === "edit" && (
              <span className="contract-documents__reload">
                <Button variant="secondary" onClick={() => void reloadCurrent()}>
                  {t("contractDocuments.form.reloadCurrent")}
                </Button>
              </span>
            )}
          </Alert>
        )}
        {!save.error && Object.keys(problems).length > 0 && <Alert>{t("errors.checkFields")}</Alert>}
        {wholeContentError && <Alert tone="warning">{wholeContentError}</Alert>}

        {state.kind === "CHANGE" && (
          <ChangeFields values={state.values} onChange={(values) => setState({ kind: "CHANGE", values })} errorOf={errorOf} standing={standing} />
        )}
        {state.kind === "UNIT_PRICES" && (
          <UnitPricesFields
            values={state.values}
            onChange={(values) => setState({ kind: "UNIT_PRICES", values })}
            errorOf={errorOf}
            standing={standing}
            fileBaseName={document ? `unit-prices-${document.contractNumber}-${document.number}` : "unit-prices"}
          />
        )}
        {state.kind === "INSPECTION" && (
          <InspectionRequestFields values={state.values} onChange={(values) => setState({ kind: "INSPECTION", values })} errorOf={errorOf} />
        )}
        {state.kind === "INVOICE" && (
          <InvoiceFields
            values={state.values}
            onChange={(values) => setState({ kind: "INVOICE", values })}
            errorOf={errorOf}
            standing={standing}
            invoiceable={invoiceable}
          />
        )}

        <div className="contract-documents__actions">
          <Button type="submit" isLoading={save.isPending}>
            {t("contractDocuments.form.save")}
          </Button>
          <Link className="button button--secondary" to={backHref}>
            {t("contractDocuments.form.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
