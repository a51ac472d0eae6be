import type { CurrentUser } from "@pwp/shared/auth";
import type { ContractDocumentDetail, ContractDocumentSignature, ContractStanding } from "@pwp/shared/contract-documents";
import { CONTRACT_REASON_MAX_LENGTH } from "@pwp/shared/contracts";
import type { TFunction } from "i18next";
import { lazy, Suspense, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PdfViewer } from "@/components/pdf-viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { isApiError } from "@/lib/api-client";
import { readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useCancelContractDocument } from "../api/cancel-contract-document";
import { useContractDocument } from "../api/get-contract-document";
import { contractDocumentPdfQueryOptions } from "../api/get-contract-document-pdf";
import { useContractDocuments } from "../api/get-contract-documents";
import { useReturnContractDocument } from "../api/return-contract-document";
import { useSendContractDocument } from "../api/send-contract-document";
import { DeleteDocumentButton } from "./delete-document-button";
import { describeDocumentError, isDocumentConflict } from "./describe-document-error";
import { DocumentContent } from "./document-content";
import { documentLabel } from "./document-label";
import { DocumentStatusBadge } from "./document-status-badge";
import { InspectionResultForm } from "./inspection-result-form";
import "../contract-documents.css";

// The signing code (pkijs, pdf-lib, the PAdES steps) is fetched only when the user opens the signing panel.
const SignDocumentPanel = lazy(() => import("./sign-document-panel").then((module) => ({ default: module.SignDocumentPanel })));

type OpenDialog = "return" | "cancel" | null;

type DocumentDetailPageProps = { contractId: string; documentId: string; user: CurrentUser };

/** 변경계약·검사·청구 상세 · 変更契約・検査・請求の詳細: what the document says, its PDF, its signatures, and the next steps. */
export function DocumentDetailPage({ contractId, documentId, user }: DocumentDetailPageProps) {
  const { t } = useTranslation();
  const document = useContractDocument(documentId);
  const list = useContractDocuments(contractId);

  if (document.isPending) return <Spinner label={t("app.loading")} size="large" />;
  if (document.error || document.data.contractId !== contractId) {
    return (
      <div className="contract-documents">
        <DocumentTitle page={t("contractDocuments.detail.notFoundTitle")} />
        <h1>{t("contractDocuments.detail.notFoundTitle")}</h1>
        <Alert>{document.error ? describeDocumentError(document.error, t) : t("contractDocuments.errors.notFound")}</Alert>
        <p>
          <Link to={paths.contract.getHref(contractId)}>{t("contractDocuments.detail.backToContract")}</Link>
        </p>
      </div>
    );
  }
  return <DocumentDetailView detail={document.data} standing={list.data?.standing ?? null} user={user} onRefresh={() => void document.refetch()} />;
}

type DocumentDetailViewProps = { detail: ContractDocumentDetail; standing: ContractStanding | null; user: CurrentUser; onRefresh: () => void };

function DocumentDetailView({ detail, standing, user, onRefresh }: DocumentDetailViewProps) {
  const { t } = useTranslation();
  const send = useSendContractDocument();
  const returnDocument = useReturnContractDocument();
  const cancel = useCancelContractDocument();
  const [openDialog, setOpenDialog] = useState<OpenDialog>(null);
  const [isSigning, setIsSigning] = useState(false);
  const [conflict, setConflict] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState("");
  const announcementRef = useRef<HTMLParagraphElement>(null);
  const returnButtonId = useId();
  const cancelButtonId = useId();
  const actionsHeadingId = useId();
  const allowed = new Set(detail.allowedActions);
  const { version } = detail;
  const label = documentLabel(t, detail.kind, detail.number);
  const isSigned = detail.signatures.length > 0;
  const isInspectionDraft = detail.kind === "INSPECTION" && allowed.has("EDIT");
  const hasInspectionResult = detail.kind !== "INSPECTION" || (detail.content as { result?: unknown }).result !== undefined;

  /** A 409 means someone else acted first: say so, with the state it is in now, and show that state. */
  function handleError(error: unknown) {
    if (isDocumentConflict(error)) {
      setConflict(error);
      setOpenDialog(null);
      setIsSigning(false);
      onRefresh();
    }
  }

  /** The step is done and its button is gone: say so where focus can land. */
  function announce(message: string) {
    setOpenDialog(null);
    setAnnouncement(message);
    // After the dialog has closed and the new state has rendered.
    window.setTimeout(() => announcementRef.current?.focus(), 0);
  }

  function closeDialog() {
    // Back to the button that opened the dialog, if it is still there (the state may have moved on).
    const opener = window.document.getElementById(openDialog === "return" ? returnButtonId : cancelButtonId);
    setOpenDialog(null);
    returnDocument.reset();
    cancel.reset();
    opener?.focus();
  }

  const sendError = send.error && !isDocumentConflict(send.error) ? send.error : null;
  const isWithoutAuthority = allowed.size === 0 && detail.awaitingSide === detail.mySide;
  // Nothing to do here (the other side's turn, or done): no empty panel.
  const hasActionsPanel = allowed.size > 0 || sendError !== null || isWithoutAuthority;

  return (
    <div className="contract-documents contract-documents__detail">
      <DocumentTitle page={label} />
      <div className="page-heading">
        <p className="contract-documents__contract details__number">
          <Link to={paths.contract.getHref(detail.contractId)}>{t("contractDocuments.contractLine", { number: detail.contractNumber, title: detail.contractTitle })}</Link>
        </p>
        <h1>
          {label}
          <DocumentStatusBadge status={detail.status} />
        </h1>
        <p className="page-heading__lead">{describeStatus(detail, t)}</p>
      </div>

      {conflict !== null && (
        <Alert tone="warning">
          {describeDocumentError(conflict, t)} {t("contractDocuments.errors.refreshed")}
        </Alert>
      )}
      <p ref={announcementRef} tabIndex={-1} role="status" className="contract-documents__announcement">
        {announcement}
      </p>

      {hasActionsPanel && (
        <section className="panel contract-documents__actions-panel" aria-labelledby={actionsHeadingId}>
          <h2 id={actionsHeadingId} className="visually-hidden">
            {t("contractDocuments.actions.title")}
          </h2>
          {sendError !== null && <Alert>{describeSendError(sendError, t)}</Alert>}
          <div className="contract-documents__actions">
            {allowed.has("SIGN") && !isSigning && <Button onClick={() => setIsSigning(true)}>{t("contractDocuments.actions.sign")}</Button>}
            {allowed.has("SEND") && hasInspectionResult && (
              <Button
                isLoading={send.isPending}
                onClick={() => {
                  setConflict(null);
                  setAnnouncement("");
                  send.mutate({ documentId: detail.id, version }, { onSuccess: () => announce(t("contractDocuments.actions.sent")), onError: handleError });
                }}
              >
                {t("contractDocuments.actions.send")}
              </Button>
            )}
            {allowed.has("EDIT") && !isInspectionDraft && (
              <Link className="button button--secondary" to={paths.contractDocumentEdit.getHref(detail.contractId, detail.id)}>
                {t("contractDocuments.actions.edit")}
              </Link>
            )}
            {allowed.has("RETURN") && (
              <Button id={returnButtonId} variant="secondary" onClick={() => setOpenDialog("return")}>
                {t("contractDocuments.actions.return")}
              </Button>
            )}
            {allowed.has("CANCEL") && (
              <Button id={cancelButtonId} variant="secondary" className="button--danger-outline" onClick={() => setOpenDialog("cancel")}>
                {t("contractDocuments.actions.cancel")}
              </Button>
            )}
          </div>
          {allowed.has("DELETE") && (
            <div>
              <DeleteDocumentButton detail={detail} onConflict={handleError} />
            </div>
          )}
          {allowed.has("SEND") && !hasInspectionResult && <Notice>{t("contractDocuments.detail.sendNeedsResult")}</Notice>}
          {isWithoutAuthority && <Notice>{t("contractDocuments.detail.noAuthority")}</Notice>}
        </section>
      )}

      {isSigning && (
        <Suspense fallback={<Spinner label={t("contractDocuments.sign.loading")} />}>
          <SignDocumentPanel detail={detail} user={user} onClose={() => setIsSigning(false)} onConflict={handleError} />
        </Suspense>
      )}

      {isInspectionDraft &&
        (standing ? <InspectionResultForm detail={detail} standing={standing} onConflict={handleError} /> : <Spinner label={t("app.loading")} />)}

      {openDialog === "return" && (
        <ReasonDialog
          title={t("contractDocuments.dialog.returnTitle")}
          intro={t("contractDocuments.dialog.returnIntro")}
          reasonLabel={t("contractDocuments.dialog.returnReason")}
          submitLabel={t("contractDocuments.dialog.returnSubmit")}
          isPending={returnDocument.isPending}
          error={returnDocument.error && !isDocumentConflict(returnDocument.error) ? <Alert>{describeDocumentError(returnDocument.error, t)}</Alert> : null}
          reasonError={readFieldErrors(returnDocument.error).reason}
          maxLength={CONTRACT_REASON_MAX_LENGTH}
          requiredMessage={t("contractDocuments.dialog.reasonRequired")}
          closeLabel={t("contractDocuments.dialog.close")}
          onClose={closeDialog}
          onSubmit={(reason) => {
            setConflict(null);
            returnDocument.mutate(
              { documentId: detail.id, body: { version, reason } },
              { onSuccess: () => announce(t("contractDocuments.actions.returned")), onError: handleError },
            );
          }}
        />
      )}
      {openDialog === "cancel" && (
        <ReasonDialog
          title={t("contractDocuments.dialog.cancelTitle")}
          intro={t("contractDocuments.dialog.cancelIntro")}
          reasonLabel={t("contractDocuments.dialog.cancelReason")}
          submitLabel={t("contractDocuments.dialog.cancelSubmit")}
          isPending={cancel.isPending}
          error={cancel.error && !isDocumentConflict(cancel.error) ? <Alert>{describeDocumentError(cancel.error, t)}</Alert> : null}
          reasonError={readFieldErrors(cancel.error).reason}
          maxLength={CONTRACT_REASON_MAX_LENGTH}
          requiredMessage={t("contractDocuments.dialog.reasonRequired")}
          closeLabel={t("contractDocuments.dialog.close")}
          onClose={closeDialog}
          onSubmit={(reason) => {
            setConflict(null);
            cancel.mutate({ documentId: detail.id, body: { version, reason } }, { onSuccess: () => announce(t("contractDocuments.actions.cancelled")), onError: handleError });
          }}
        />
      )}

      <div className="contract-documents__grid">
        <DocumentContent detail={detail} />
        <DocumentSignatures signatures={detail.signatures} />
        <Card title={t("contractDocuments.detail.pdfTitle")} className="contract-documents__pdf">
          {detail.currentRevision ? (
            <PdfViewer
              query={contractDocumentPdfQueryOptions(detail.id, detail.currentRevision)}
              sha256={detail.currentRevision.sha256}
              fileName={`${detail.contractNumber}-${detail.kind.toLowerCase().replace("_", "-")}-${detail.number}${isSigned ? "-signed" : ""}.pdf`}
              downloadLabel={isSigned ? t("contractDocuments.actions.downloadSigned") : t("contractDocuments.actions.downloadPdf")}
              describeError={(error) => describeDocumentError(error, t)}
            />
          ) : (
            <p className="muted">{t("contractDocuments.detail.noPdfYet")}</p>
          )}
        </Card>
      </div>
    </div>
  );
}

/** The lead under the heading: whose move it is and what it is. */
function describeStatus(detail: ContractDocumentDetail, t: TFunction): string {
  if (detail.status === "COMPLETED" || detail.status === "CANCELLED") return t(`contractDocuments.detail.help.${detail.status}`);
  if (detail.awaitingSide === null) return "";
  if (detail.awaitingSide !== detail.mySide) return t("contractDocuments.detail.help.waiting", { side: t(`contractDocuments.sides.${detail.awaitingSide}`) });
  if (detail.kind === "INSPECTION" && detail.status === "DRAFT") return t("contractDocuments.detail.help.inspectionDraft");
  return t(`contractDocuments.detail.help.mine.${detail.status}`);
}

/** A send refused for its content names what is wrong (the standing moved since it was written, a missing result). */
function describeSendError(error: unknown, t: TFunction): string {
  // There are no fields on this page to show the errors on: the API's message names them all.
  return isApiError(error, "VALIDATION_FAILED") ? t("contractDocuments.errors.rejected", { reason: error.message }) : describeDocumentError(error, t);
}

/** The signatures over the current edition, with the time-stamp authority's time. */
function DocumentSignatures({ signatures }: { signatures: ContractDocumentSignature[] }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  return (
    <Card title={t("contractDocuments.signatures.title")}>
      {signatures.length === 0 ? (
        <p className="muted">{t("contractDocuments.signatures.none")}</p>
      ) : (
        <ul className="plain-list contract-documents__signatures">
          {signatures.map((signature) => (
            <li key={signature.id}>
              <dl className="details">
                <div className="details__row">
                  <dt>{t(`contractDocuments.sides.${signature.side}`)}</dt>
                  <dd>
                    {t("contractDocuments.signatures.signer", { name: signature.signer.name, organization: signature.organizationName })}
                    {signature.delegationId && <span className="badge">{t("contractDocuments.signatures.delegated")}</span>}
                  </dd>
                </div>
                <div className="details__row">
                  <dt>{t("contractDocuments.signatures.signedAt")}</dt>
                  <dd>
                    <time dateTime={signature.signedAt}>{formatDateTime(new Date(signature.signedAt), language)}</time>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
