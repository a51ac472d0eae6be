import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { Button } from "@/components/ui/button";
import { isApiError } from "@/lib/api-client";

/** A page chunk that fails to download (offline, or a deploy replaced it) is as much a network problem as an API call. */
function isNetworkFailure(error: unknown): boolean {
  if (isApiError(error, "NETWORK_ERROR")) return true;
  return error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message);
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <DocumentTitle page={t("routeError.title")} />
      <div className="panel">
        <h1>{t("routeError.title")}</h1>
        <p>{isNetworkFailure(error) ? t("routeError.networkText") : t("routeError.text")}</p>
        <Button onClick={() => window.location.reload()}>{t("routeError.reload")}</Button>
      </div>
    </PublicLayout>
  );
}
