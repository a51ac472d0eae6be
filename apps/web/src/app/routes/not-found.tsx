import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <DocumentTitle page={t("notFound.title")} />
      <div className="panel">
        <p className="status-code" aria-hidden="true">
          404
        </p>
        <h1>{t("notFound.title")}</h1>
        <p>{t("notFound.text")}</p>
        <Link className="arrow-link" to={paths.home.getHref()}>
          {t("notFound.homeLink")}
        </Link>
      </div>
    </PublicLayout>
  );
}
