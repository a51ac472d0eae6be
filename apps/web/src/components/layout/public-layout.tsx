import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { Brand, MAIN_CONTENT_ID, SiteFooter, SkipLink } from "./site-chrome";

/** Pages anyone can open: sign-in, guarantee verification, not found. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="page">
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <Brand />
          <LanguageSwitcher className="site-header__language" />
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} className="site-main site-main--narrow" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
