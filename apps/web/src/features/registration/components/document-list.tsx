import type { RegistrationDocument } from "@pwp/shared/registration";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { saveBlob } from "@/lib/save-blob";
import { formatFileSize } from "./format";

type DocumentListProps = {
  documents: readonly RegistrationDocument[];
  /** Fetches the file with the session's access token. */
  download: (documentId: string) => Promise<Blob>;
};

/** The stored documents; each name is a button that downloads it (a plain link could not carry the token). */
export function DocumentList({ documents, download }: DocumentListProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [hasFailed, setHasFailed] = useState(false);

  if (documents.length === 0) return <p>{t("registration.status.noDocuments")}</p>;

  async function handleDownload(document: RegistrationDocument) {
    setPendingId(document.id);
    setHasFailed(false);
    try {
      saveBlob(await download(document.id), document.fileName);
    } catch {
      setHasFailed(true);
    } finally {
      setPendingId(null);
    }
  }

  return (
    <>
      {hasFailed && <Alert>{t("registration.status.downloadFailed")}</Alert>}
      <ul className="file-list">
        {documents.map((document) => (
          <li className="file-list__item" key={document.id}>
            <button
              type="button"
              className="link-button"
              aria-label={t("registration.status.download", { name: document.fileName })}
              aria-busy={pendingId === document.id || undefined}
              disabled={pendingId === document.id}
              onClick={() => void handleDownload(document)}
            >
              {document.fileName}
            </button>
            <span className="file-list__meta">
              {formatFileSize(document.size, language)} · {formatDateTime(new Date(document.uploadedAt), language)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
