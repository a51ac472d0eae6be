import type { CurrentUser } from "@pwp/shared/auth";
import { CONTRACT_REASON_MAX_LENGTH, type ContractDetail, type ContractParty } from "@pwp/shared/contracts";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { lazy, Suspense, useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PdfViewer } from "@/components/pdf-viewer";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { saveBlob } from "@/lib/save-blob";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useCancelContract } from "../api/cancel-contract";
import { useContract } from "../api/get-contract";
import { contractPdfQueryOptions } from "../api/get-contract-pdf";
import { getSignatureReport } from "../api/get-signature-report";
import { useReturnContract } from "../api/return-contract";
import { useSendContract } from "../api/send-contract";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { AcceptedGuaranteesCard } from "./accepted-guarantees-card";
import { ContractStatusBadge } from "./contract-status-badge";
import { awaitedOtherFirm, ContractSigningOrder } from "./contract-signing-order";
import { ContractSignatures, ContractTimeline } from "./contract-timeline";
import { DeleteDraftButton } from "./delete-draft-button";
import { describeContractError, isContractConflict } from "./describe-contract-error";
import { JointVentureDetails } from "./joint-venture-details";
import { KeyNoticesCard } from "./key-notices-card";
import { OfflineGuaranteesCard } from "./offline-guarantees-card";
import "../contracts.css";

// The signing code (pkijs, pdf-lib, the PAdES steps) is fetched only when the user opens the signing panel.
const SignContractPanel = lazy(() => import("./sign-contract-panel").then((module) => ({ default: module.SignContractPanel })));

type OpenDialog = "return" | "cancel" | null;

type ContractDetailPageProps = {
  contractId: string;
  user: CurrentUser;
  /**
   * What follows a completed contract (its changes, inspections, invoices), shown under its actions. Given by the app
   * layer, which composes the features: this one does not know the others.
   */
  renderAfterCompletion?: (detail: ContractDetail) => ReactNode;
};

/** 계약 상세 · 契約詳細: what the contract says, its PDF, who did what, and the steps open to the user now. */
export function ContractDetailPage({ contractId, user, renderAfterCompletion }: ContractDetailPageProps) {
  const { t } = useTranslation();
  const contract = useContract(contractId);

  if (contract.isPending) return <Spinner label={t("app.loading")} size="large" />;
  if (contract.error) {
    return (
      <div className="contracts">
        <DocumentTitle page={t("contracts.detail.notFoundTitle")} />
        <h1>{t("contracts.detail.notFoundTitle")}</h1>
        <Alert>{describeContractError(contract.error, t)}</Alert>
        <p>
          <Link to={paths.contracts.getHref()}>{t("contracts.detail.backToList")}</Link>
        </p>
      </div>
    );
  }
  return (
    <ContractDetailView detail={contract.data} user={user} onRefresh={() => void contract.refetch()} renderAfterCompletion={renderAfterCompletion} />
  );
}

type ContractDetailViewProps = Omit<ContractDetailPageProps, "contractId"> & { detail: ContractDetail; onRefresh: () => void };

function ContractDetailView({ detail, user, onRefresh, renderAfterCompletion }: ContractDetailViewProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const send = useSendContract();
  const returnContract = useReturnContract();
  const cancel = useCancelContract();
  const [openDialog, setOpenDialog] = useState<OpenDialog>(null);
  const [isSigning, setIsSigning] = useState(false);
  const [conflict, setConflict] = useState<unknown>(null);
  const [reportError, setReportError] = useState<unknown>(null);
  const [isReportLoading, setIsReportLoading] = useState(false);
  const returnButtonId = useId();
  const cancelButtonId = useId();
  const actionsHeadingId = useId();
  const allowed = new Set(detail.allowedActions);
  const isSigned = detail.signatures.length > 0;
  const version = detail.version;
  const awaitedFirm = awaitedOtherFirm(detail, user.organization.id);

  /** A 409 means someone else acted first: say so, with the state it is in now, and show that state. */
  function handleError(error: unknown) {
    if (isContractConflict(error)) {
      setConflict(error);
      setOpenDialog(null);
      setIsSigning(false);
      onRefresh();
    }
  }

  function closeDialog() {
    // Back to the button that opened the dialog, if it is still there (the state may have moved on).
    const opener = document.getElementById(openDialog === "return" ? returnButtonId : cancelButtonId);
    setOpenDialog(null);
    returnContract.reset();
    cancel.reset();
    opener?.focus();
  }

  async function downloadReport() {
    setReportError(null);
    setIsReportLoading(true);
    try {
      saveBlob(await getSignatureReport(detail.id, language), `${detail.contractNumber}-signature-report.pdf`);
    } catch (error) {
      setReportError(error);
    } finally {
      setIsReportLoading(false);
    }
  }

  const sendError = send.error && !isContractConflict(send.error) ? send.error : null;

  return (
    <div className="contracts contract-detail">
      <DocumentTitle page={detail.title} />
      <div className="page-heading">
        <p className="contract-detail__number details__number">{detail.contractNumber}</p>
        <h1>
          {detail.title}
          <ContractStatusBadge status={detail.status} />
        </h1>
        <p className="page-heading__lead">{detail.awaitingSide === detail.mySide ? t(`contracts.detail.statusHelpMine.${detail.status}`) : t(`contracts.detail.statusHelpTheirs.${detail.status}`)}</p>
      </div>

      {conflict !== null && (
        <Alert tone="warning">
          {describeContractError(conflict, t)} {t("contracts.errors.refreshed")}
        </Alert>
      )}

      <section className="panel contract-detail__actions" aria-labelledby={actionsHeadingId}>
        <h2 id={actionsHeadingId} className="visually-hidden">
          {t("contracts.actions.title")}
        </h2>
        {sendError !== null && <Alert>{describeContractError(sendError, t)}</Alert>}
        {reportError !== null && <Alert>{describeContractError(reportError, t)}</Alert>}
        <div className="contract-detail__buttons">
          {allowed.has("SIGN") && !isSigning && (
            <Button onClick={() => setIsSigning(true)}>{t("contracts.actions.sign")}</Button>
          )}
          {allowed.has("SEND") && (
            <Button
              isLoading={send.isPending}
              onClick={() => {
                setConflict(null);
                send.mutate({ contractId: detail.id, version }, { onError: handleError });
              }}
            >
              {t("contracts.actions.send")}
            </Button>
          )}
          {allowed.has("EDIT") && (
            <Link className="button button--secondary" to={paths.contractEdit.getHref(detail.id)}>
              {t("contracts.actions.edit")}
            </Link>
          )}
          {allowed.has("RETURN") && (
            <Button id={returnButtonId} variant="secondary" onClick={() => setOpenDialog("return")}>
              {t("contracts.actions.return")}
            </Button>
          )}
          {allowed.has("CANCEL") && (
            <Button id={cancelButtonId} variant="secondary" className="button--danger-outline" onClick={() => setOpenDialog("cancel")}>
              {t("contracts.actions.cancel")}
            </Button>
          )}
          {isSigned && (
            <Button variant="secondary" isLoading={isReportLoading} onClick={() => void downloadReport()}>
              {t("contracts.actions.downloadReport")}
            </Button>
          )}
        </div>
        {allowed.has("DELETE") && <DeleteDraftButton contractId={detail.id} />}
        {awaitedFirm !== null ? (
          <Notice>{t("contracts.detail.waitingForFirm", { organization: awaitedFirm })}</Notice>
        ) : (
          allowed.size === 0 && detail.awaitingSide === detail.mySide && detail.status !== "DRAFT" && <Notice>{t("contracts.detail.noAuthority")}</Notice>
        )}
      </section>

      {isSigning && (
        <Suspense fallback={<Spinner label={t("contracts.sign.loading")} />}>
          <SignContractPanel detail={detail} user={user} onClose={() => setIsSigning(false)} onConflict={handleError} />
        </Suspense>
      )}

      {openDialog === "return" && (
        <ReasonDialog
          title={t("contracts.dialog.returnTitle")}
          intro={detail.mySide === "CONTRACTOR" ? t("contracts.dialog.returnIntroContractor") : t("contracts.dialog.returnIntroOrderer")}
          reasonLabel={t("contracts.dialog.returnReason")}
          submitLabel={t("contracts.dialog.returnSubmit")}
          isPending={returnContract.isPending}
          error={returnContract.error && !isContractConflict(returnContract.error) ? <Alert>{describeContractError(returnContract.error, t)}</Alert> : null}
          reasonError={readFieldErrors(returnContract.error).reason}
          maxLength={CONTRACT_REASON_MAX_LENGTH}
          requiredMessage={t("contracts.dialog.reasonRequired")}
          closeLabel={t("contracts.dialog.close")}
          onClose={closeDialog}
          onSubmit={(reason) => {
            setConflict(null);
            returnContract.mutate({ contractId: detail.id, body: { version, reason } }, { onSuccess: closeDialog, onError: handleError });
          }}
        />
      )}
      {openDialog === "cancel" && (
        <ReasonDialog
          title={t("contracts.dialog.cancelTitle")}
          intro={t("contracts.dialog.cancelIntro")}
          reasonLabel={t("contracts.dialog.cancelReason")}
          submitLabel={t("contracts.dialog.cancelSubmit")}
          isPending={cancel.isPending}
          error={cancel.error && !isContractConflict(cancel.error) ? <Alert>{describeContractError(cancel.error, t)}</Alert> : null}
          reasonError={readFieldErrors(cancel.error).reason}
          maxLength={CONTRACT_REASON_MAX_LENGTH}
          requiredMessage={t("contracts.dialog.reasonRequired")}
          closeLabel={t("contracts.dialog.close")}
          onClose={closeDialog}
          onSubmit={(reason) => {
            setConflict(null);
            cancel.mutate({ contractId: detail.id, body: { version, reason } }, { onSuccess: closeDialog, onError: handleError });
          }}
        />
      )}

      {detail.status === "COMPLETED" && renderAfterCompletion?.(detail)}

      <div className="contract-detail__grid">
        <ContractSummary detail={detail} />
        <Card title={t("contracts.detail.pdfTitle")} className="contract-detail__pdf">
          {detail.currentRevision ? (
            <PdfViewer
              query={contractPdfQueryOptions(detail.id, detail.currentRevision)}
              sha256={detail.currentRevision.sha256}
              fileName={`${detail.contractNumber}${isSigned ? "-signed" : ""}.pdf`}
              downloadLabel={isSigned ? t("contracts.actions.downloadSigned") : t("contracts.actions.downloadPdf")}
              describeError={(error) => describeContractError(error, t)}
            />
          ) : (
            <p className="muted">{t("contracts.detail.noPdfYet")}</p>
          )}
        </Card>
        <ContractSigningOrder detail={detail} />
        <ContractSignatures signatures={detail.signatures} />
        {detail.guaranteeKeyNotices.length > 0 && <KeyNoticesCard detail={detail} />}
        {detail.offlineGuarantees.length > 0 && <OfflineGuaranteesCard detail={detail} />}
        {detail.acceptedGuarantees.length > 0 && <AcceptedGuaranteesCard detail={detail} />}
        <ContractTimeline contractId={detail.id} />
      </div>
    </div>
  );
}

function PartyDetails({ party }: { party: ContractParty }) {
  return (
    <>
      <span lang={party.country === "KR" ? "ko" : "ja"}>{party.nameLocal}</span>
      <span className="muted contract-detail__party-extra">
        {formatRegistrationNumber(party.country, party.registrationNumber)} · {party.representativeName}
      </span>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ContractSummary({ detail }: { detail: ContractDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const formatDate = (value: string) => new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  return (
    <Card title={t("contracts.detail.summaryTitle")}>
      <dl className="details">
        <Row label={t("contracts.sides.ORDERER")}>
          <PartyDetails party={detail.orderer} />
        </Row>
        <Row label={t("contracts.sides.CONTRACTOR")}>
          {detail.jointVenture ? <JointVentureDetails jointVenture={detail.jointVenture} /> : <PartyDetails party={detail.contractor} />}
        </Row>
        <Row label={t("contracts.detail.amount")}>
          <span className="details__number">{formatAmountWithCurrency(detail.amount, detail.currency, language)}</span>
        </Row>
        <Row label={t("contracts.detail.period")}>
          {t("contracts.detail.periodValue", { start: formatDate(detail.worksStartDate), end: formatDate(detail.worksEndDate) })}
        </Row>
        <Row label={t("contracts.detail.contractDate")}>{formatDate(detail.contractDate)}</Row>
        {detail.place && <Row label={t("contracts.detail.place")}>{detail.place}</Row>}
        <Row label={t("contracts.detail.status")}>
          <ContractStatusBadge status={detail.status} />
        </Row>
        <Row label={t("contracts.detail.guarantees")}>
          {detail.requiredGuarantees.length === 0
            ? t("contracts.guaranteeNone")
            : detail.requiredGuarantees.map((kind) => t(`contracts.guaranteeKinds.${kind}`)).join(", ")}
        </Row>
        {detail.missingGuarantees.length > 0 && (
          <Row label={t("contracts.detail.missingGuarantees")}>
            {detail.missingGuarantees.map((kind) => t(`contracts.guaranteeKinds.${kind}`)).join(", ")}
          </Row>
        )}
        {detail.annex && <Row label={t("contracts.detail.annex")}>{detail.annex.fileName}</Row>}
        {detail.sentAt && <Row label={t("contracts.detail.sentAt")}>{formatDateTime(new Date(detail.sentAt), language)}</Row>}
        {detail.completedAt && <Row label={t("contracts.detail.completedAt")}>{formatDateTime(new Date(detail.completedAt), language)}</Row>}
        {detail.cancelledAt && <Row label={t("contracts.detail.cancelledAt")}>{formatDateTime(new Date(detail.cancelledAt), language)}</Row>}
      </dl>
      {detail.contacts.length > 0 && (
        <>
          <h3 className="contract-detail__subheading">{t("contracts.detail.contacts")}</h3>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("contracts.form.contacts.side")}</th>
                  <th scope="col">{t("contracts.form.contacts.name")}</th>
                  <th scope="col">{t("contracts.form.contacts.department")}</th>
                  <th scope="col">{t("contracts.form.contacts.phone")}</th>
                  <th scope="col">{t("contracts.form.contacts.email")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.contacts.map((contact, index) => (
                  <tr key={index}>
                    <td>{t(`contracts.sides.${contact.side}`)}</td>
                    <th scope="row">{contact.name}</th>
                    <td>{contact.department}</td>
                    <td>{contact.phone}</td>
                    <td>{contact.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {detail.termsSections.length > 0 && (
        <>
          <h3 className="contract-detail__subheading">{t("contracts.detail.terms")}</h3>
          <ol className="contract-detail__terms">
            {detail.termsSections.map((section, index) => (
              <li key={index}>
                <strong>{section.heading}</strong>
                <p>{section.body}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}

