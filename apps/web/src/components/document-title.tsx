import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/**
 * Names the browser tab after the page. Written to document.title rather than rendered as React 19's <title>,
 * which would sit beside index.html's own <title> and lose to it, since the browser reads the first one.
 */
export function DocumentTitle({ page }: { page: string }) {
  const { t } = useTranslation();
  const title = t("app.titleTemplate", { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
