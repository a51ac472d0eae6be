import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, ScrollRestoration, useLocation, useNavigation } from "react-router";
import { MAIN_CONTENT_ID } from "@/components/layout/site-chrome";
import { FullPageSpinner } from "@/components/ui/spinner";

export function RootLayout() {
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);

  // A new page in an SPA does not move focus by itself; moving it to <main> lets screen readers start there.
  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    document.getElementById(MAIN_CONTENT_ID)?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      {navigation.state !== "idle" && <div className="navigation-progress" aria-hidden="true" />}
      <Outlet />
      <ScrollRestoration />
    </>
  );
}

/** Shown while the first page's loaders run, i.e. while the session is being restored from the cookie. */
export function RootHydrateFallback() {
  const { t } = useTranslation();
  return <FullPageSpinner label={t("app.loading")} />;
}
