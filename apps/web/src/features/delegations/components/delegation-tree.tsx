import { USER_DEACTIVATED_REASON, type Delegation } from "@pwp/shared/delegations";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useRevokeDelegation } from "../api/revoke-delegation";
import { commonNameOf } from "../signing";
import { describeSigningError } from "./describe-signing-error";
import { SignedStatementPanel } from "./signed-statement-panel";
import { SignerField, type SigningState } from "./signer-field";
import "./delegations.css";

/** Who acts, and with which certificate: the same for every node of the tree. */
type Viewer = {
  currentUserId: string;
  organizationId: string;
  isRepresentative: boolean;
  signing: SigningState;
};

type DelegationTreeProps = Viewer & { delegations: readonly Delegation[] };

type Node = { delegation: Delegation; children: Node[] };

/** Roots are the representative's grants; a delegation whose parent is not loaded (yet) shows as a root too. */
function buildTree(delegations: readonly Delegation[]): Node[] {
  const nodes = new Map(delegations.map((delegation) => [delegation.id, { delegation, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.delegation.parentId ? nodes.get(node.delegation.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The organisation's delegations as nested lists: each sub-delegation under the delegation it was made from. */
export function DelegationTree({ delegations, ...viewer }: DelegationTreeProps) {
  const roots = buildTree(delegations);
  return (
    <ul className="delegation-tree">
      {roots.map((node) => (
        <DelegationNode key={node.delegation.id} node={node} grantorsAbove={[]} viewer={viewer} />
      ))}
    </ul>
  );
}

type DelegationNodeProps = {
  node: Node;
  /** Grantors of the delegations this one hangs from: each of them may revoke it. */
  grantorsAbove: readonly string[];
  viewer: Viewer;
};

function DelegationNode({ node, grantorsAbove, viewer }: DelegationNodeProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { delegation } = node;
  const grantors = [...grantorsAbove, delegation.grantor.id];
  const canRevoke = delegation.state !== "REVOKED" && (viewer.isRepresentative || grantors.includes(viewer.currentUserId));
  const [isRevoking, setIsRevoking] = useState(false);
  const [isStatementOpen, setIsStatementOpen] = useState(false);
  const { grantSignature, revocationSignature } = delegation;
  const hasStatement = grantSignature !== null || revocationSignature !== null;

  return (
    <li className="delegation-tree__item">
      <article className="delegation" aria-label={`${delegation.grantor.name} → ${delegation.agent.name}`}>
        <p className="delegation__parties">
          <strong>{delegation.agent.name}</strong> <span className="muted">{t("delegations.tree.from", { name: delegation.grantor.name })}</span>
          <span className={`status-badge status-badge--${delegation.state.toLowerCase()}`}>{t(`delegations.states.${delegation.state}`)}</span>
        </p>
        <p className="delegation__scopes">
          {delegation.scopes.map((scope) => (
            <span key={scope} className="badge">
              {t(`delegations.scopes.${scope}`)}
            </span>
          ))}
        </p>
        <p className="delegation__period">
          {t("delegations.tree.period", {
            from: formatDateTime(new Date(delegation.validFrom), language),
            until: formatDateTime(new Date(delegation.validUntil), language),
          })}
        </p>
        <p className="delegation__signature">
          {grantSignature
            ? t("delegations.signature.grant", {
                name: commonNameOf(grantSignature.certificateSubject),
                time: formatDateTime(new Date(grantSignature.signedAt), language),
              })
            : t("delegations.signature.unsigned")}
        </p>
        {delegation.revokedAt && (
          <p className="delegation__revoked">
            {t("delegations.tree.revokedOn", {
              time: formatDateTime(new Date(delegation.revokedAt), language),
              reason: delegation.revokedReason === USER_DEACTIVATED_REASON ? t("delegations.tree.userDeactivated") : (delegation.revokedReason ?? ""),
            })}
          </p>
        )}
        {revocationSignature ? (
          <p className="delegation__signature">
            {t("delegations.signature.revocation", {
              name: commonNameOf(revocationSignature.certificateSubject),
              time: formatDateTime(new Date(revocationSignature.signedAt), language),
            })}
          </p>
        ) : (
          delegation.revokedAt &&
          delegation.parentId !== null &&
          delegation.revokedReason !== USER_DEACTIVATED_REASON && <p className="delegation__signature">{t("delegations.signature.revokedWithParent")}</p>
        )}
        {hasStatement && (
          <Button
            variant="secondary"
            aria-expanded={isStatementOpen}
            aria-label={t("delegations.statement.buttonFor", { name: delegation.agent.name })}
            onClick={() => setIsStatementOpen((isOpen) => !isOpen)}
          >
            {t("delegations.statement.button")}
          </Button>
        )}
        {isStatementOpen && <SignedStatementPanel delegationId={delegation.id} />}
        {canRevoke && !isRevoking && (
          <Button variant="secondary" aria-label={t("delegations.revoke.buttonFor", { name: delegation.agent.name })} onClick={() => setIsRevoking(true)}>
            {t("delegations.revoke.button")}
          </Button>
        )}
        {canRevoke && isRevoking && (
          <RevokeForm delegationId={delegation.id} hasChildren={node.children.length > 0} viewer={viewer} onDone={() => setIsRevoking(false)} />
        )}
      </article>
      {node.children.length > 0 && (
        <ul className="delegation-tree">
          {node.children.map((child) => (
            <DelegationNode key={child.delegation.id} node={child} grantorsAbove={grantors} viewer={viewer} />
          ))}
        </ul>
      )}
    </li>
  );
}

type RevokeFormProps = { delegationId: string; hasChildren: boolean; viewer: Viewer; onDone: () => void };

function RevokeForm({ delegationId, hasChildren, viewer, onDone }: RevokeFormProps) {
  const { t } = useTranslation();
  const revokeDelegation = useRevokeDelegation();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);

  const error = revokeDelegation.error;
  const formError = !error
    ? null
    : (describeSigningError(error, t) ??
      (isApiError(error, "CONFLICT")
      ? t("delegations.errors.alreadyRevoked")
      : isApiError(error, "FORBIDDEN")
        ? t("delegations.errors.forbidden")
        : isApiError(error, "NOT_FOUND")
          ? t("delegations.errors.notFound")
          : isApiError(error, "NETWORK_ERROR")
            ? t("errors.network")
            : t("errors.unexpected")));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    revokeDelegation.reset();
    if (reason.trim() === "") {
      setReasonError(t("errors.required"));
      return;
    }
    const { signer } = viewer.signing;
    if (!signer) return;
    revokeDelegation.mutate(
      { delegationId, reason: reason.trim(), organizationId: viewer.organizationId, revokerId: viewer.currentUserId, signer },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="form revoke-form" noValidate onSubmit={handleSubmit}>
      {formError && <Alert>{formError}</Alert>}
      {hasChildren && <p className="muted">{t("delegations.revoke.cascadeWarning")}</p>}
      <TextField
        label={t("delegations.revoke.reason")}
        name="reason"
        value={reason}
        maxLength={500}
        error={reasonError}
        onChange={(event) => {
          setReason(event.target.value);
          setReasonError(null);
        }}
      />
      <SignerField signing={viewer.signing} />
      <div className="inline-confirm__actions">
        {viewer.signing.signer && (
          <Button type="submit" isLoading={revokeDelegation.isPending}>
            {t("delegations.revoke.confirm")}
          </Button>
        )}
        <Button variant="secondary" onClick={onDone}>
          {t("delegations.revoke.cancel")}
        </Button>
      </div>
    </form>
  );
}
