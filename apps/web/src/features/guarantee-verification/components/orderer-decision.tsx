import type { GuaranteeLookupResult, VerifyGuaranteeBody } from "@pwp/shared/guarantee-lookup";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAcceptGuarantee } from "../api/accept-guarantee";
import { useReturnGuarantee } from "../api/return-guarantee";
import { describeDecisionError } from "../lookup-input";

/** The reason's limit in ReturnGuaranteeBodySchema. */
const REASON_MAX_LENGTH = 1000;

type OrdererDecisionProps = {
  result: GuaranteeLookupResult;
  /** The number and key the result was opened with: accepting and returning prove them again. */
  credentials: VerifyGuaranteeBody;
  isSignedIn: boolean;
  onDecided: (result: GuaranteeLookupResult) => void;
};

/**
 * 접수/반려 · 受理/返戻: the orderer's decision as it stands, and for a signed-in user of the guarantee's orderer
 * the two ways to decide — accept (linked to one of their contracts with the contractor) or return with a reason.
 */
export function OrdererDecision({ result, credentials, isSignedIn, onDecided }: OrdererDecisionProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const [decidedNow, setDecidedNow] = useState<"ACCEPTED" | "RETURNED" | null>(null);
  const { acceptance, ordererActions } = result;

  return (
    <Card title={t("verify.decision.title")} className="lookup-decision">
      {decidedNow && (
        <p role="status" className="lookup-decision__done">
          {decidedNow === "ACCEPTED" ? t("verify.decision.acceptedStatus") : t("verify.decision.returnedStatus")}
        </p>
      )}
      {acceptance ? (
        <div className={`lookup-decision__state lookup-decision__state--${acceptance.status}`}>
          <p>
            <strong>
              {acceptance.status === "ACCEPTED"
                ? t("verify.decision.accepted", { time: formatDateTime(new Date(acceptance.decidedAt), language) })
                : t("verify.decision.returned", { time: formatDateTime(new Date(acceptance.decidedAt), language) })}
            </strong>
          </p>
          {acceptance.contract && <p>{t("verify.decision.contract", { number: acceptance.contract.contractNumber, title: acceptance.contract.title })}</p>}
          {acceptance.reason && (
            <p>
              {t("verify.decision.reason")}: {acceptance.reason}
            </p>
          )}
        </div>
      ) : (
        <p className="muted">{t("verify.decision.none")}</p>
      )}

      {ordererActions?.canDecide && (
        <DecisionForm
          result={result}
          credentials={credentials}
          onDecided={(next, decision) => {
            setDecidedNow(decision);
            onDecided(next);
          }}
        />
      )}
      {ordererActions && !ordererActions.canDecide && !acceptance && <Notice>{t("verify.decision.cannotDecide")}</Notice>}
      {!isSignedIn && !acceptance && (
        <p className="lookup-decision__sign-in">
          {t("verify.decision.signInHint")}{" "}
          {/* Back to this page with the number only: the key is typed again, never carried in a URL. */}
          <Link to={paths.signIn.getHref(paths.verify.getHref(result.guaranteeNumber))}>{t("verify.decision.signIn")}</Link>
        </p>
      )}
    </Card>
  );
}

function DecisionForm({
  result,
  credentials,
  onDecided,
}: {
  result: GuaranteeLookupResult;
  credentials: VerifyGuaranteeBody;
  onDecided: (result: GuaranteeLookupResult, decision: "ACCEPTED" | "RETURNED") => void;
}) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const accept = useAcceptGuarantee();
  const returnGuarantee = useReturnGuarantee();
  const contracts = result.ordererActions?.contracts ?? [];
  const onlyContract = contracts.length === 1 ? contracts[0] : undefined;
  const [contractId, setContractId] = useState<string | null>(onlyContract?.id ?? null);
  const [isContractMissing, setIsContractMissing] = useState(false);
  const [isReturning, setIsReturning] = useState(false);
  const [reason, setReason] = useState("");
  const [isReasonMissing, setIsReasonMissing] = useState(false);
  const legendId = useId();
  const contractErrorId = useId();
  const error = accept.error ?? returnGuarantee.error;
  const isPending = accept.isPending || returnGuarantee.isPending;

  function submitAccept() {
    returnGuarantee.reset();
    // With several contracts the orderer must say which one; with none the server accepts it unlinked.
    if (contracts.length > 1 && contractId === null) {
      setIsContractMissing(true);
      return;
    }
    accept.mutate(
      { ...credentials, ...(contractId ? { contractId } : {}) },
      { onSuccess: (next) => onDecided(next, "ACCEPTED") },
    );
  }

  function submitReturn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    accept.reset();
    if (reason.trim() === "") {
      setIsReasonMissing(true);
      return;
    }
    returnGuarantee.mutate({ ...credentials, reason: reason.trim() }, { onSuccess: (next) => onDecided(next, "RETURNED") });
  }

  return (
    <div className="lookup-decision__form">
      <p>{t("verify.decision.intro")}</p>
      {error && <Alert>{describeDecisionError(error, t, language)}</Alert>}
      {contracts.length > 1 && (
        <fieldset
          className={["lookup-decision__contracts", isContractMissing && "field--invalid"].filter(Boolean).join(" ")}
          aria-labelledby={legendId}
          aria-describedby={isContractMissing ? contractErrorId : undefined}
        >
          <legend id={legendId} className="field__label">
            {t("verify.decision.contractLegend")}
          </legend>
          {contracts.map((contract) => (
            <label key={contract.id} className="lookup-decision__contract">
              <input
                type="radio"
                name="contractId"
                value={contract.id}
                checked={contractId === contract.id}
                onChange={() => {
                  setContractId(contract.id);
                  setIsContractMissing(false);
                }}
              />
              <span>
                <span className="details__number">{contract.contractNumber}</span> {contract.title}
              </span>
            </label>
          ))}
          {isContractMissing && (
            <p className="field__error" id={contractErrorId}>
              {t("verify.decision.contractRequired")}
            </p>
          )}
        </fieldset>
      )}
      {onlyContract && <p>{t("verify.decision.oneContract", { number: onlyContract.contractNumber, title: onlyContract.title })}</p>}
      {contracts.length === 0 && <p className="muted">{t("verify.decision.noContract")}</p>}

      {!isReturning ? (
        <div className="lookup-decision__buttons">
          <Button isLoading={accept.isPending} disabled={isPending} onClick={submitAccept}>
            {t("verify.decision.accept")}
          </Button>
          <Button variant="secondary" className="button--danger-outline" disabled={isPending} onClick={() => setIsReturning(true)}>
            {t("verify.decision.return")}
          </Button>
        </div>
      ) : (
        <form className="form lookup-decision__return" noValidate onSubmit={submitReturn}>
          <TextAreaField
            label={t("verify.decision.returnReason")}
            hint={t("verify.decision.returnReasonHint")}
            name="reason"
            value={reason}
            maxLength={REASON_MAX_LENGTH}
            required
            autoFocus
            error={isReasonMissing ? t("verify.decision.returnReasonRequired") : null}
            onChange={(event) => {
              setReason(event.target.value);
              setIsReasonMissing(false);
            }}
          />
          <div className="lookup-decision__buttons">
            <Button type="submit" className="button--danger-outline" variant="secondary" isLoading={returnGuarantee.isPending} disabled={isPending}>
              {t("verify.decision.returnSubmit")}
            </Button>
            <Button
              variant="secondary"
              disabled={isPending}
              onClick={() => {
                setIsReturning(false);
                returnGuarantee.reset();
              }}
            >
              {t("verify.decision.cancel")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
