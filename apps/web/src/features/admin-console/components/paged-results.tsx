import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { describeFormError } from "@/lib/form-errors";

/** What the console's paged lists need of an infinite query. */
type PagedQuery = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/** A console list's states around its table: loading, the error, "nothing matches", and "show more". */
export function PagedResults({ query, isEmpty, children }: { query: PagedQuery; isEmpty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <Spinner label={t("app.loading")} />;
  if (query.isError) return <Alert>{describeFormError(query.error, t)}</Alert>;
  return (
    <>
      {isEmpty ? <p>{t("adminConsole.noMatches")}</p> : children}
      {query.hasNextPage && (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} isLoading={query.isFetchingNextPage}>
          {t("adminConsole.more")}
        </Button>
      )}
    </>
  );
}
