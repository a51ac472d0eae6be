import type { CurrentUser } from "@pwp/shared/auth";
import { GUARANTEE_REASON_MAX_LENGTH, guaranteeShareBasisPoints, KINDS_WITH_DEPOSIT_BANK, type GuaranteeDetail, type SigningGuaranteeAction } from "@pwp/shared/guarantees";
import { lazy, Suspense, useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { saveBlob } from "@/lib/save-blob";
import { useGuarantee } from "../api/get-guarantee";
import { getKeyNotice } from "../api/get-key-notice";
import { getOfflineFile } from "../api/get-offline-file";
import { useRefuseGuarantee } from "../api/refuse-guarantee";
import { useRekeyGuarantee } from "../api/rekey-guarantee";
import { useRequestGuaranteeCorrection } from "../api/request-guarantee-correction";
import { useSubmitGuarantee } from "../api/submit-guarantee";
import { useSubmitKeyNotice } from "../api/submit-key-notice";
import { formatBasisPoints } from "../guarantee-form";
import { AuthKeySection } from "./auth-key-section";
import { ChangeRequestNotice } from "./change-request-notice";
import { ChangeRequestPanel } from "./change-request-panel";
import { DeleteDraftButton } from "./delete-draft-button";
import { describeGuaranteeError, isGuaranteeConflict } from "./describe-guarantee-error";
import { formatCalendarDate, formatMoney } from "./format";
import { GuaranteeHistory } from "./guarantee-history";
import { GuaranteeLookupsCard } from "./guarantee-lookups-card";
import { GuaranteeStatusBadge } from "./guarantee-status-badge";
import { GuaranteeTimeline } from "./guarantee-timeline";
import { OrdererAcceptanceCard } from "./orderer-acceptance-card";
import "../guarantees.css";

// The signing code (pkijs, the PDF signer, the CMS steps) is fetched only when the surety opens a signing panel.
const VersionSigningPanel = lazy(() => import("./version-signing-panel").then((module) => ({ default: module.VersionSigningPanel })));

/** The surety's signing actions, in the order the page offers them. */
const SIGNING_ACTIONS: readonly SigningGuaranteeAction[] = ["ISSUE", "CHANGE", "CORRECT", "CANCEL", "RELEASE"];

type OpenDialog = "correction" | "refuse" | null;

/** 보증 상세 · 保証契約内容: what was applied for or issued, its versions and timeline, and the steps open now. */
export function GuaranteeDetailPage({ guaranteeId, user }: { guaranteeId: string; user: CurrentUser }) {
  const { t } = useTranslation();
  const guarantee = useGuarantee(guaranteeId);

  if (guarantee.isPending) return <Spinner label={t("app.loading")} size="large" />;
  if (guarantee.error) {
    return (
      <div className="guarantees">
        <DocumentTitle page={t("guarantees.detail.notFoundTitle")} />
        <h1>{t("guarantees.detail.notFoundTitle")}</h1>
        <Alert>{describeGuaranteeError(guarantee.error, t)}</Alert>
        <p>
          <Link to={paths.guarantees.getHref()}>{t("guarantees.detail.backToList")}</Link>
        </p>
      </div>
    );
  }
  return <GuaranteeDetailView detail={guarantee.data} user={user} onRefresh={() => void guarantee.refetch()} />;
}

function GuaranteeDetailView({ detail, user, onRefresh }: { detail: GuaranteeDetail; user: CurrentUser; onRefresh: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmitGuarantee();
  const requestCorrection = useRequestGuaranteeCorrection();
  const refuse = useRefuseGuarantee();
  const rekey = useRekeyGuarantee();
  const submitKeyNotice = useSubmitKeyNotice();
  const [openDialog, setOpenDialog] = useState<OpenDialog>(null);
  const [signingAction, setSigningAction] = useState<SigningGuaranteeAction | null>(null);
  const [isConfirmingRekey, setIsConfirmingRekey] = useState(false);
  const [isRequestingChange, setIsRequestingChange] = useState(false);
  const [isChangeRequestSent, setIsChangeRequestSent] = useState(false);
  const [conflict, setConflict] = useState<unknown>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState<"notice" | "offline" | null>(null);
  const correctionButtonId = useId();
  const refuseButtonId = useId();
  const actionsHeadingId = useId();
  const allowed = new Set(detail.allowedActions);
  const isOffline = detail.origin === "OFFLINE";
  const isContractor = detail.mySide === "CONTRACTOR";
  const isIssued = detail.issuedAt !== null && !isOffline;
  const version = detail.version;
  const kindLabel = t(`guarantees.kinds.${detail.kind}`);

  /** A 409 means someone else acted first: say so, with the state it is in now, and show that state. */
  function handleError(error: unknown) {
    if (isGuaranteeConflict(error)) {
      setConflict(error);
      setOpenDialog(null);
      setSigningAction(null);
      setIsConfirmingRekey(false);
      setIsRequestingChange(false);
      onRefresh();
    }
  }

  function closeDialog() {
    const opener = document.getElementById(openDialog === "correction" ? correctionButtonId : refuseButtonId);
    setOpenDialog(null);
    requestCorrection.reset();
    refuse.reset();
    opener?.focus();
  }

  async function download(which: "notice" | "offline") {
    setDownloadError(null);
    setDownloading(which);
    try {
      const number = detail.guaranteeNumber ?? "guarantee";
      if (which === "notice") saveBlob(await getKeyNotice(detail.id), `${number}-key-notice.pdf`);
      else {
        const blob = await getOfflineFile(detail.id);
        saveBlob(blob, `${number}-offline${extensionOf(blob.type)}`);
      }
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(null);
    }
  }

  // Errors of the in-place actions; a 409 is shown once, above, as the conflict.
  const actionError: unknown = [submit.error, rekey.error, submitKeyNotice.error, downloadError].find((error) => error && !isGuaranteeConflict(error)) ?? null;
  const signingLabels: Record<SigningGuaranteeAction, string> = {
    ISSUE: t("guarantees.actions.issue"),
    CHANGE: t("guarantees.actions.change"),
    CORRECT: t("guarantees.actions.correct"),
    CANCEL: t("guarantees.actions.cancel"),
    RELEASE: t("guarantees.actions.release"),
  };
  const title = detail.worksTitle;

  return (
    <div className="guarantees guarantee-detail">
      <DocumentTitle page={`${kindLabel} · ${title}`} />
      <div className="page-heading">
        <p className="guarantee-detail__kicker">
          {kindLabel}
          {detail.guaranteeNumber && <span className="details__number"> · {detail.guaranteeNumber}</span>}
        </p>
        <h1>
          {title} <GuaranteeStatusBadge status={detail.status} displayStatus={detail.displayStatus} />
        </h1>
        <p className="page-heading__lead">{isOffline ? t("guarantees.detail.offlineLead") : t(`guarantees.detail.statusHelp.${detail.mySide}.${detail.status}`)}</p>
      </div>

      {isOffline && (
        <Alert tone="warning">
          <strong>{t("guarantees.detail.offlineNotice")}</strong> {t("guarantees.detail.offlineNoticeDetail")}
        </Alert>
      )}
      {conflict !== null && (
        <Alert tone="warning">
          {describeGuaranteeError(conflict, t)} {t("guarantees.errors.refreshed")}
        </Alert>
      )}
      <ChangeRequestNotice detail={detail} />

      <section className="panel guarantee-detail__actions" aria-labelledby={actionsHeadingId}>
        <h2 id={actionsHeadingId} className="visually-hidden">
          {t("guarantees.actions.title")}
        </h2>
        {actionError !== null && <Alert>{describeGuaranteeError(actionError, t)}</Alert>}
        {submitKeyNotice.isSuccess && <p role="status">{t("guarantees.actions.keyNoticeSubmitted")}</p>}
        {isChangeRequestSent && <p role="status">{t("guarantees.changeRequest.sent")}</p>}
        <div className="guarantee-detail__buttons">
          {allowed.has("SUBMIT") && (
            <Button
              isLoading={submit.isPending}
              onClick={() => {
                setConflict(null);
                submit.mutate({ guaranteeId: detail.id, body: { version } }, { onError: handleError });
              }}
            >
              {detail.status === "CORRECTION_REQUESTED" ? t("guarantees.actions.resubmit") : t("guarantees.actions.submit")}
            </Button>
          )}
          {allowed.has("EDIT") && (
            <Link className="button button--secondary" to={paths.guaranteeEdit.getHref(detail.id)}>
              {t("guarantees.actions.edit")}
            </Link>
          )}
          {SIGNING_ACTIONS.filter((action) => allowed.has(action)).map((action) => (
            <Button
              key={action}
              variant={action === "ISSUE" ? "primary" : "secondary"}
              className={action === "CANCEL" ? "button--danger-outline" : undefined}
              disabled={signingAction !== null}
              onClick={() => {
                setConflict(null);
                setSigningAction(action);
              }}
            >
              {signingLabels[action]}
            </Button>
          ))}
          {allowed.has("REQUEST_CORRECTION") && (
            <Button id={correctionButtonId} variant="secondary" onClick={() => setOpenDialog("correction")}>
              {t("guarantees.actions.requestCorrection")}
            </Button>
          )}
          {allowed.has("REFUSE") && (
            <Button id={refuseButtonId} variant="secondary" className="button--danger-outline" onClick={() => setOpenDialog("refuse")}>
              {t("guarantees.actions.refuse")}
            </Button>
          )}
          {allowed.has("REQUEST_CHANGE") && (
            <Button
              variant="secondary"
              disabled={isRequestingChange}
              onClick={() => {
                setConflict(null);
                setIsChangeRequestSent(false);
                setIsRequestingChange(true);
              }}
            >
              {t("guarantees.actions.requestChange")}
            </Button>
          )}
          {allowed.has("REKEY") && !isConfirmingRekey && (
            <Button variant="secondary" onClick={() => setIsConfirmingRekey(true)}>
              {t("guarantees.actions.rekey")}
            </Button>
          )}
          {/* The notice hands the key to the orderer: only while the guarantee is in force. */}
          {isContractor && detail.status === "ISSUED" && !isOffline && (
            <Button variant="secondary" isLoading={downloading === "notice"} onClick={() => void download("notice")}>
              {t("guarantees.actions.downloadKeyNotice")}
            </Button>
          )}
          {allowed.has("SUBMIT_KEY_NOTICE") && detail.contractId !== null && (
            <Button
              variant="secondary"
              isLoading={submitKeyNotice.isPending}
              onClick={() => {
                setConflict(null);
                submitKeyNotice.mutate({ guaranteeId: detail.id, body: { version } }, { onError: handleError });
              }}
            >
              {t("guarantees.actions.submitKeyNotice")}
            </Button>
          )}
          {isOffline && (
            <Button variant="secondary" isLoading={downloading === "offline"} onClick={() => void download("offline")}>
              {t("guarantees.actions.downloadOfflineFile")}
            </Button>
          )}
        </div>
        {isConfirmingRekey && (
          <div className="inline-confirm">
            <p>{t("guarantees.actions.rekeyConfirm")}</p>
            <div className="inline-confirm__actions">
              <Button
                isLoading={rekey.isPending}
                onClick={() => {
                  setConflict(null);
                  rekey.mutate({ guaranteeId: detail.id, body: { version } }, { onSuccess: () => setIsConfirmingRekey(false), onError: handleError });
                }}
              >
                {t("guarantees.actions.rekeySubmit")}
              </Button>
              <Button variant="secondary" onClick={() => setIsConfirmingRekey(false)} disabled={rekey.isPending}>
                {t("guarantees.actions.keep")}
              </Button>
            </div>
          </div>
        )}
        {rekey.isSuccess && !isConfirmingRekey && <p role="status">{t("guarantees.actions.rekeyed")}</p>}
        {allowed.has("DELETE") && <DeleteDraftButton guaranteeId={detail.id} />}
        {!isOffline && allowed.size === 0 && !isIssued && <p className="muted">{t("guarantees.detail.nothingToDo")}</p>}
      </section>

      {signingAction !== null && (
        <Suspense fallback={<Spinner label={t("guarantees.sign.loading")} />}>
          <VersionSigningPanel key={signingAction} detail={detail} user={user} action={signingAction} onClose={() => setSigningAction(null)} onConflict={handleError} />
        </Suspense>
      )}

      {isRequestingChange && (
        <ChangeRequestPanel
          detail={detail}
          onClose={() => setIsRequestingChange(false)}
          onSent={() => {
            setIsRequestingChange(false);
            setIsChangeRequestSent(true);
          }}
          onConflict={handleError}
        />
      )}

      {openDialog === "correction" && (
        <ReasonDialog
          title={t("guarantees.dialog.correctionTitle")}
          intro={t("guarantees.dialog.correctionIntro")}
          reasonLabel={t("guarantees.dialog.correctionReason")}
          submitLabel={t("guarantees.dialog.correctionSubmit")}
          isPending={requestCorrection.isPending}
          error={requestCorrection.error && !isGuaranteeConflict(requestCorrection.error) ? <Alert>{describeGuaranteeError(requestCorrection.error, t)}</Alert> : null}
          reasonError={readFieldErrors(requestCorrection.error).reason}
          maxLength={GUARANTEE_REASON_MAX_LENGTH}
          requiredMessage={t("guarantees.dialog.reasonRequired")}
          closeLabel={t("guarantees.dialog.close")}
          onClose={closeDialog}
          onSubmit={(reason) => {
            setConflict(null);
            requestCorrection.mutate({ guaranteeId: detail.id, body: { version, reason } }, { onSuccess: closeDialog, onError: handleError });
          }}
        />
      )}
      {openDialog === "refuse" && (
        <ReasonDialog
          title={t("guarantees.dialog.refuseTitle")}
          intro={t("guarantees.dialog.refuseIntro")}
          reasonLabel={t("guarantees.dialog.refuseReason")}
          submitLabel={t("guarantees.dialog.refuseSubmit")}
          isPending={refuse.isPending}
          error={refuse.error && !isGuaranteeConflict(refuse.error) ? <Alert>{describeGuaranteeError(refuse.error, t)}</Alert> : null}
          reasonError={readFieldErrors(refuse.error).reason}
          maxLength={GUARANTEE_REASON_MAX_LENGTH}
          requiredMessage={t("guarantees.dialog.reasonRequired")}
          closeLabel={t("guarantees.dialog.close")}
          onClose={closeDialog}
          onSubmit={(reason) => {
            setConflict(null);
            refuse.mutate({ guaranteeId: detail.id, body: { version, reason } }, { onSuccess: closeDialog, onError: handleError });
          }}
        />
      )}

      <div className="guarantee-detail__grid">
        <GuaranteeSummaryCard detail={detail} />
        {isIssued && (
          <Card title={t("guarantees.authKey.title")}>
            <AuthKeySection guaranteeId={detail.id} guaranteeNumber={detail.guaranteeNumber} />
          </Card>
        )}
        {!isOffline && <GuaranteeHistory detail={detail} />}
        {/* The orderer meets an issued guarantee at the lookup: every view and failed attempt, and its decision, show here. */}
        {isIssued && <GuaranteeLookupsCard guaranteeId={detail.id} />}
        {isIssued && <OrdererAcceptanceCard detail={detail} />}
        <GuaranteeTimeline events={detail.events} />
      </div>
    </div>
  );
}

function extensionOf(type: string): string {
  if (type.includes("pdf")) return ".pdf";
  if (type.includes("png")) return ".png";
  if (type.includes("jpeg")) return ".jpg";
  return "";
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function GuaranteeSummaryCard({ detail }: { detail: GuaranteeDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const money = (amount: number) => formatMoney(amount, detail.currency, language);
  const date = (value: string) => formatCalendarDate(value, language);
  const shareBase = detail.targetAmountThisYear ?? detail.contractAmount;
  const share = formatBasisPoints(guaranteeShareBasisPoints(detail.guaranteeAmount, shareBase));
  const isOffline = detail.origin === "OFFLINE";
  const hasDepositBank = KINDS_WITH_DEPOSIT_BANK.includes(detail.kind);

  return (
    <Card title={t("guarantees.detail.summaryTitle")}>
      <dl className="details">
        <Row label={t("guarantees.fields.guaranteeNumber")}>
          <span className="details__number">{detail.guaranteeNumber ?? t("guarantees.list.notNumbered")}</span>
        </Row>
        <Row label={t("guarantees.fields.kind")}>{t(`guarantees.kinds.${detail.kind}`)}</Row>
        <Row label={t("guarantees.fields.status")}>
          <GuaranteeStatusBadge status={detail.status} displayStatus={detail.displayStatus} />
          {detail.displayStatus !== "PENDING" && !isOffline && <span className="muted"> ({t(`guarantees.statuses.${detail.status}`)})</span>}
        </Row>
        <Row label={t("guarantees.fields.contractor")}>
          {detail.contractor.nameLocal}
          <span className="muted guarantee-detail__extra">{detail.contractor.registrationNumber}</span>
        </Row>
        {isOffline ? (
          <Row label={t("guarantees.fields.offlineIssuer")}>{detail.offlineIssuerName}</Row>
        ) : (
          detail.surety && (
            <Row label={t("guarantees.fields.surety")}>
              {detail.surety.nameLocal}
              <span className="muted guarantee-detail__extra">{detail.surety.registrationNumber}</span>
            </Row>
          )
        )}
        <Row label={t("guarantees.fields.ordererName")}>
          {detail.ordererName}
          {detail.orderer && <span className="muted guarantee-detail__extra">{detail.orderer.registrationNumber}</span>}
        </Row>
        <Row label={t("guarantees.fields.worksTitle")}>{detail.worksTitle}</Row>
        {detail.contractId && detail.mySide === "CONTRACTOR" && (
          <Row label={t("guarantees.fields.contract")}>
            <Link to={paths.contract.getHref(detail.contractId)}>{t("guarantees.detail.openContract")}</Link>
          </Row>
        )}
        <Row label={t("guarantees.fields.contractAmount")}>
          <span className="details__number">{money(detail.contractAmount)}</span>
        </Row>
        <Row label={t("guarantees.fields.guaranteeAmount")}>
          <span className="details__number">{money(detail.guaranteeAmount)}</span>{" "}
          <span className="muted">
            ({detail.targetAmountThisYear !== null ? t("guarantees.detail.shareOfTarget", { percent: `${share}%` }) : t("guarantees.detail.shareOfContract", { percent: `${share}%` })})
          </span>
        </Row>
        {detail.targetAmountThisYear !== null && (
          <Row label={t("guarantees.fields.targetAmountThisYear")}>
            <span className="details__number">{money(detail.targetAmountThisYear)}</span>
          </Row>
        )}
        <Row label={t("guarantees.fields.guaranteePeriod")}>
          {t("guarantees.detail.period", { start: date(detail.guaranteeStartDate), end: date(detail.guaranteeEndDate) })}
        </Row>
        {!isOffline && (
          <>
            <Row label={t("guarantees.fields.worksPeriod")}>{t("guarantees.detail.period", { start: date(detail.worksStartDate), end: date(detail.worksEndDate) })}</Row>
            <Row label={t("guarantees.fields.contractDate")}>{date(detail.contractDate)}</Row>
            {hasDepositBank && (
              <>
                <Row label={t("guarantees.fields.depositBank")}>{[detail.depositBankName, detail.depositBranchName].filter(Boolean).join(" ") || "—"}</Row>
                <Row label={t("guarantees.fields.usesReDeposit")}>{detail.usesReDeposit ? t("guarantees.form.reDepositYes") : t("guarantees.form.reDepositNo")}</Row>
              </>
            )}
            <Row label={t("guarantees.fields.feePaymentMethod")}>{t(`guarantees.feePaymentMethods.${detail.feePaymentMethod}`)}</Row>
            <Row label={t("guarantees.fields.feeBilledTo")}>{detail.feeBilledTo || "—"}</Row>
            <Row label={t("guarantees.fields.delivery")}>{t(`guarantees.deliveries.${detail.delivery}`)}</Row>
            <Row label={t("guarantees.fields.wantsPaperFeeStatement")}>
              {detail.wantsPaperFeeStatement ? t("guarantees.form.paperFeeStatementYes") : t("guarantees.form.paperFeeStatementNo")}
            </Row>
            <Row label={t("guarantees.fields.destinationBranch")}>{detail.destinationBranch || "—"}</Row>
            <Row label={t("guarantees.fields.notificationEmail")}>{detail.notificationEmail || "—"}</Row>
            {detail.issuedAt && <Row label={t("guarantees.fields.issuedAt")}>{formatDateTime(new Date(detail.issuedAt), language)}</Row>}
            {detail.keyNoticeSubmittedAt && (
              <Row label={t("guarantees.fields.keyNoticeSubmittedAt")}>{formatDateTime(new Date(detail.keyNoticeSubmittedAt), language)}</Row>
            )}
          </>
        )}
      </dl>
      {detail.contacts.length > 0 && (
        <>
          <h3 className="guarantee-detail__subheading">{t("guarantees.form.contacts.title")}</h3>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("guarantees.form.contacts.name")}</th>
                  <th scope="col">{t("guarantees.form.contacts.department")}</th>
                  <th scope="col">{t("guarantees.form.contacts.phone")}</th>
                  <th scope="col">{t("guarantees.form.contacts.email")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.contacts.map((contact, index) => (
                  <tr key={index}>
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
      {detail.message && (
        <>
          <h3 className="guarantee-detail__subheading">{t("guarantees.fields.message")}</h3>
          <p className="guarantee-detail__message">{detail.message}</p>
        </>
      )}
    </Card>
  );
}
