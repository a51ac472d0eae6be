// Pieces every page shares, public or signed in.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";

export const MAIN_CONTENT_ID = "main";

/** Lets keyboard users jump past the header; visible only while focused. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
      {t("app.skipToContent")}
    </a>
  );
}

export function Brand() {
  const { t } = useTranslation();
  return (
    <Link to={paths.home.getHref()} className="brand">
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect x="2" y="2" width="28" height="28" rx="6" fill="currentColor" />
        <path d="M9 11h14M9 16h14M9 21h8" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
        <circle cx="22.5" cy="21.5" r="3.5" fill="none" stroke="#fff" strokeWidth="2" />
      </svg>
      <span className="brand__name">{t("app.name")}</span>
    </Link>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">{t("app.footer")}</div>
    </footer>
  );
}
