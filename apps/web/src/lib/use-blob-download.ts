// A download the page starts on a click: which one is under way (so its button shows a spinner) and the error of the
// last one, for pages that list several files. The bytes come through the API client (routes need the bearer token).
import { useState } from "react";
import { saveBlob } from "./save-blob";

export function useBlobDownload() {
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  /** Fetches and saves one file; `key` names it among the page's downloads. Errors land in `error`, never thrown. */
  async function download(key: string, fetchBlob: () => Promise<Blob>, fileName: (blob: Blob) => string): Promise<void> {
    setError(null);
    setPendingKey(key);
    try {
      const blob = await fetchBlob();
      saveBlob(blob, fileName(blob));
    } catch (caught) {
      setError(caught);
    } finally {
      setPendingKey(null);
    }
  }

  return { pendingKey, error, download };
}
