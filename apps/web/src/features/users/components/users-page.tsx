import type { CurrentUser } from "@pwp/shared/auth";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import { useUsers } from "../api/get-users";
import { InviteForm } from "./invite-form";
import { PendingInvitations } from "./pending-invitations";
import { UserTable } from "./user-table";

type UsersPageProps = {
  currentUser: CurrentUser;
  onUserChanged?: () => void;
};

/** Everyone sees the list; the representative also invites, changes roles and (de)activates. */
export function UsersPage({ currentUser, onUserChanged }: UsersPageProps) {
  const { t } = useTranslation();
  const users = useUsers();
  const isRepresentative = currentUser.role === "REPRESENTATIVE";

  return (
    <div className="users-page">
      <DocumentTitle page={t("users.title")} />
      <div className="page-heading">
        <h1>{t("users.title")}</h1>
        <p className="page-heading__lead">{t("users.intro")}</p>
      </div>
      {isRepresentative ? (
        <div className="users-page__grid">
          <InviteForm />
          <PendingInvitations />
        </div>
      ) : (
        <Notice>{t("users.readOnlyNote")}</Notice>
      )}
      <Card title={t("users.listTitle")} className="users-page__list">
        {users.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : users.isError ? (
          <Alert>
            {isApiError(users.error, "FORBIDDEN")
              ? t("users.errors.notApproved")
              : isApiError(users.error, "NETWORK_ERROR")
                ? t("errors.network")
                : t("users.loadFailed")}
          </Alert>
        ) : (
          <>
            <UserTable users={users.data.pages.flatMap((page) => page.users)} currentUser={currentUser} onUserChanged={onUserChanged} />
            {users.hasNextPage && (
              <Button variant="secondary" isLoading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
                {t("users.showMore")}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
