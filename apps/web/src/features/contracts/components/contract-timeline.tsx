import type { ContractSignature } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useContractTimeline } from "../api/get-contract-timeline";
import { describeContractError } from "./describe-contract-error";

/** 진행 이력 · 経過: created, sent, returned with the reason, each signature, completed, cancelled. */
export function ContractTimeline({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const timeline = useContractTimeline(contractId);

  return (
    <Card title={t("contracts.timeline.title")}>
      {timeline.isPending && <Spinner label={t("app.loading")} />}
      {timeline.error && <Alert>{describeContractError(timeline.error, t)}</Alert>}
      {timeline.data && (
        <ol className="contract-timeline">
          {timeline.data.events.map((event) => (
            <li key={event.id} className={`contract-timeline__event contract-timeline__event--${event.kind}`}>
              <p className="contract-timeline__what">
                {/* A document that followed the contract: named, then what happened to it. */}
                <strong>
                  {event.document
                    ? `${t("contractDocuments.title", { kind: t(`contractDocuments.kinds.${event.document.kind}`), number: event.document.number })} · ${t(`contracts.timeline.documentKinds.${event.kind}`)}`
                    : t(`contracts.timeline.kinds.${event.kind}`)}
                </strong>
                {event.edition > 1 && <span className="muted"> · {t("contracts.timeline.edition", { edition: event.edition })}</span>}
              </p>
              <p className="contract-timeline__who">
                {t("contracts.timeline.by", { name: event.actor.name, organization: event.actor.organizationName })} ·{" "}
                <time dateTime={event.createdAt}>{formatDateTime(new Date(event.createdAt), language)}</time>
              </p>
              {event.reason && (
                <p className="contract-timeline__reason">
                  {t("contracts.timeline.reason")}: {event.reason}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** The signatures over the current edition, with the time-stamp authority's time. */
export function ContractSignatures({ signatures }: { signatures: ContractSignature[] }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  return (
    <Card title={t("contracts.signatures.title")}>
      {signatures.length === 0 ? (
        <p className="muted">{t("contracts.signatures.none")}</p>
      ) : (
        <ul className="plain-list contract-signatures">
          {signatures.map((signature) => (
            <li key={signature.id}>
              <dl className="details">
                <div className="details__row">
                  <dt>{t(`contracts.sides.${signature.side}`)}</dt>
                  <dd>
                    {t("contracts.signatures.signer", { name: signature.signer.name, organization: signature.organizationName })}
                    {signature.delegationId && <span className="badge">{t("contracts.signatures.delegated")}</span>}
                  </dd>
                </div>
                <div className="details__row">
                  <dt>{t("contracts.signatures.signedAt")}</dt>
                  <dd>
                    <time dateTime={signature.signedAt}>{formatDateTime(new Date(signature.signedAt), language)}</time>
                  </dd>
                </div>
                <div className="details__row">
                  <dt>{t("contracts.signatures.certificate")}</dt>
                  <dd className="details__number">{signature.certificateSubject}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
