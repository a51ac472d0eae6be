import type { CurrentUser } from "@pwp/shared/auth";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useDelegations } from "../api/get-delegations";
import { useMyAuthority } from "../api/get-my-authority";
import type { DelegationSigner } from "../signing";
import { DelegateForm, type DelegationCandidate } from "./delegate-form";
import { DelegationTree } from "./delegation-tree";
import type { SigningState } from "./signer-field";

type DelegationsPageProps = {
  currentUser: CurrentUser;
  /** The organisation's users (from the users feature, composed by the app layer), for choosing an agent. */
  /** undefined while the organisation's users are still loading. */
  candidates: readonly DelegationCandidate[] | undefined;
  /**
   * The user's valid certificates whose key this browser holds, newest first (found by the app layer, as for
   * certificate sign-in): granting and revoking are signed with one of them. undefined while being looked up.
   */
  signers: readonly DelegationSigner[] | undefined;
  hasSignersError: boolean;
};

export function DelegationsPage({ currentUser, candidates, signers, hasSignersError }: DelegationsPageProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const delegations = useDelegations();
  const authority = useMyAuthority();
  const [selectedSignerId, setSelectedSignerId] = useState<string | null>(null);
  const signing: SigningState = {
    signers,
    hasError: hasSignersError,
    signer: signers?.find((entry) => entry.certificate.id === selectedSignerId) ?? signers?.[0] ?? null,
    onSelect: setSelectedSignerId,
  };

  const isRepresentative = authority.data?.isRepresentative ?? currentUser.role === "REPRESENTATIVE";
  const allDelegations = delegations.data?.pages.flatMap((page) => page.delegations) ?? [];
  // The form is for those who can pass something on: the representative, or the agent of an active delegation.
  const holdsActiveDelegation = allDelegations.some((d) => d.agent.id === currentUser.id && d.state === "ACTIVE");
  const canDelegate = isRepresentative || holdsActiveDelegation;
  const loadError = delegations.error ?? authority.error;

  return (
    <div className="delegations-page">
      <DocumentTitle page={t("delegations.title")} />
      <div className="page-heading">
        <h1>{t("delegations.title")}</h1>
        <p className="page-heading__lead">{t("delegations.intro")}</p>
      </div>
      {loadError && (
        <Alert>
          {isApiError(loadError, "FORBIDDEN")
            ? t("users.errors.notApproved")
            : isApiError(loadError, "NETWORK_ERROR")
              ? t("errors.network")
              : t("errors.unexpected")}
        </Alert>
      )}
      <div className="delegations-page__grid">
        <Card title={t("delegations.authority.title")}>
          {authority.isPending ? (
            <Spinner label={t("app.loading")} />
          ) : authority.data?.isRepresentative ? (
            <p>{t("delegations.authority.representative")}</p>
          ) : authority.data && authority.data.scopes.length > 0 ? (
            <ul className="plain-list">
              {authority.data.scopes.map((entry) => (
                <li key={entry.scope}>
                  {t("delegations.authority.byDelegation", {
                    scope: t(`delegations.scopes.${entry.scope}`),
                    time: entry.validUntil ? formatDateTime(new Date(entry.validUntil), language) : "",
                  })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("delegations.authority.none")}</p>
          )}
        </Card>
        {canDelegate && (
          <DelegateForm
            currentUserId={currentUser.id}
            organizationId={currentUser.organization.id}
            isRepresentative={isRepresentative}
            heldDelegations={authority.data?.heldDelegations ?? []}
            signing={signing}
            candidates={candidates}
          />
        )}
      </div>
      <Card title={t("delegations.tree.title")}>
        {delegations.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : allDelegations.length === 0 ? (
          <p className="empty-state">{t("delegations.tree.empty")}</p>
        ) : (
          <>
            <DelegationTree
              delegations={allDelegations}
              currentUserId={currentUser.id}
              organizationId={currentUser.organization.id}
              isRepresentative={isRepresentative}
              signing={signing}
            />
            {delegations.hasNextPage && (
              <Button variant="secondary" isLoading={delegations.isFetchingNextPage} onClick={() => void delegations.fetchNextPage()}>
                {t("delegations.tree.showMore")}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
