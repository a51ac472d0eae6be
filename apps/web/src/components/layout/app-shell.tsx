import type { CurrentUser } from "@pwp/shared/auth";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { Button } from "@/components/ui/button";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { getDashboardPath, paths } from "@/config/paths";
import { SiteNotices } from "@/features/notices/components/site-notices";
import { saveMailLanguage } from "@/features/notifications/api/notifications";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { Brand, MAIN_CONTENT_ID, SiteFooter, SkipLink } from "./site-chrome";

/** The ops console's pages, after the registration queue. */
const OPS_NAV = [
  { key: "organizations", href: paths.adminOrganizations.getHref() },
  { key: "certificates", href: paths.adminCertificates.getHref() },
  { key: "contracts", href: paths.adminContracts.getHref() },
  { key: "guarantees", href: paths.adminGuarantees.getHref() },
  { key: "notices", href: paths.adminNotices.getHref() },
  { key: "maintenance", href: paths.adminMaintenance.getHref() },
  { key: "mail", href: paths.adminMail.getHref() },
  { key: "audit", href: paths.adminAudit.getHref() },
] as const;

type AppShellProps = {
  user: CurrentUser;
  /** The session was opened by signing with a certificate, not by the password alone. */
  isCertificateSession?: boolean;
  onSignOut: () => void;
  isSigningOut: boolean;
  children: ReactNode;
};

/** The frame of every signed-in page: who is signed in, for which organisation, and the way out. */
export function AppShell({ user, isCertificateSession = false, onSignOut, isSigningOut, children }: AppShellProps) {
  const { t } = useTranslation();
  const { organization } = user;
  // Names in the organisation's own script read and render best with their own language tag.
  const localNameLanguage = organization.country === "KR" ? "ko" : "ja";

  return (
    <div className="page">
      <SkipLink />
      <header className="site-header site-header--app">
        <div className="site-header__inner">
          <Brand />
          <div className="session-summary">
            <p className="session-summary__organization">
              <span lang={localNameLanguage}>{organization.nameLocal}</span>
              {organization.nameLatin && organization.nameLatin !== organization.nameLocal && (
                <span className="session-summary__latin"> ({organization.nameLatin})</span>
              )}
            </p>
            <p className="session-summary__user">
              <span className="visually-hidden">{t("header.signedInAs")}: </span>
              {user.name}
              <span className="badge">{t(`roles.${user.role}`)}</span>
              {isCertificateSession && <span className="badge badge--certificate">{t("certificateSignIn.badge")}</span>}
            </p>
          </div>
          <div className="site-header__actions">
            <NotificationBell />
            <LanguageSwitcher onChange={(locale) => void saveMailLanguage(locale).catch(() => undefined)} />
            <Button variant="secondary" onClick={onSignOut} isLoading={isSigningOut}>
              {t("header.signOut")}
            </Button>
          </div>
        </div>
        <nav className="main-nav" aria-label={t("header.mainNav")}>
          <ul className="main-nav__list">
            <li>
              <NavLink className="main-nav__link" to={getDashboardPath(organization.kind)} end>
                {t("header.dashboardLink")}
              </NavLink>
            </li>
            <li>
              {organization.kind === "OPERATOR" ? (
                <NavLink className="main-nav__link" to={paths.adminRegistrations.getHref()}>
                  {t("registration.nav.queue")}
                </NavLink>
              ) : (
                <NavLink className="main-nav__link" to={paths.registration.getHref()}>
                  {t("registration.nav.status")}
                </NavLink>
              )}
            </li>
            {organization.kind === "OPERATOR" &&
              OPS_NAV.map(({ key, href }) => (
                <li key={key}>
                  <NavLink className="main-nav__link" to={href}>
                    {t(`adminConsole.nav.${key}`)}
                  </NavLink>
                </li>
              ))}
            {(organization.kind === "ORDERER" || organization.kind === "CONTRACTOR") && organization.status === "APPROVED" && (
              <li>
                <NavLink className="main-nav__link" to={paths.contracts.getHref()}>
                  {t("contracts.navLink")}
                </NavLink>
              </li>
            )}
            {(organization.kind === "CONTRACTOR" || organization.kind === "SURETY") && organization.status === "APPROVED" && (
              <li>
                <NavLink className="main-nav__link" to={paths.guarantees.getHref()}>
                  {t("guarantees.navLink")}
                </NavLink>
              </li>
            )}
            {organization.kind !== "OPERATOR" && organization.status === "APPROVED" && (
              <li>
                <NavLink className="main-nav__link" to={paths.counterparties.getHref()}>
                  {t("counterparties.navLink")}
                </NavLink>
              </li>
            )}
            {organization.status === "APPROVED" && (
              <>
                <li>
                  <NavLink className="main-nav__link" to={paths.users.getHref()}>
                    {t("users.navLink")}
                  </NavLink>
                </li>
                <li>
                  <NavLink className="main-nav__link" to={paths.delegations.getHref()}>
                    {t("delegations.navLink")}
                  </NavLink>
                </li>
              </>
            )}
            {organization.status === "APPROVED" && (
              <li>
                <NavLink className="main-nav__link" to={paths.certificates.getHref()}>
                  {t("certificates.navLink")}
                </NavLink>
              </li>
            )}
            <li>
              <NavLink className="main-nav__link" to={paths.account.getHref()}>
                {t("account.navLink")}
              </NavLink>
            </li>
            <li>
              <NavLink className="main-nav__link" to={paths.verify.getHref()}>
                {t("header.verifyLink")}
              </NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <main id={MAIN_CONTENT_ID} className="site-main" tabIndex={-1}>
        <SiteNotices isSignedIn />
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
