import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Card } from "@/components/ui/card";
import "./admin-console.css";

/** A dashboard card of the ops console: what the area is for and the pages that open it. */
export function OpsLinksCard({ title, description, links }: { title: string; description: string; links: ReadonlyArray<{ to: string; label: string }> }) {
  const { t } = useTranslation();
  return (
    <Card title={title} className="empty-state-card">
      <p className="empty-state-card__description">{description}</p>
      <ul className="ops-links" aria-label={t("adminConsole.openArea", { area: title })}>
        {links.map((link) => (
          <li key={link.to}>
            <Link className="arrow-link" to={link.to}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
