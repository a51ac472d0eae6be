import { Card } from "@/components/ui/card";

type EmptyStateCardProps = {
  title: string;
  description: string;
  /** Says plainly that there is nothing yet; never sample data. */
  emptyText: string;
};

export function EmptyStateCard({ title, description, emptyText }: EmptyStateCardProps) {
  return (
    <Card title={title} className="empty-state-card">
      <p className="empty-state-card__description">{description}</p>
      <p className="empty-state">
        <svg className="empty-state__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 7h16v12H4z M4 7l3-3h10l3 3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        {emptyText}
      </p>
    </Card>
  );
}
