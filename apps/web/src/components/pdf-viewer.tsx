import { useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { saveBlob } from "@/lib/save-blob";
import "./pdf-viewer.css";

/**
 * Points the frame at an object URL of the Blob, and revokes it when the frame goes or the Blob changes (a ref
 * callback with cleanup: each attachment owns its own URL, also when React attaches twice in development).
 */
function usePdfFrameRef(blob: Blob | undefined) {
  return useCallback(
    (frame: HTMLIFrameElement | null) => {
      if (!frame || !blob) return;
      const url = URL.createObjectURL(blob);
      frame.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
}

type PdfViewerProps<Key extends QueryKey> = {
  /** The revision's PDF, from the feature's queryOptions factory (keyed by revision and SHA-256). */
  query: UseQueryOptions<Blob, Error, Blob, Key>;
  /** The revision's SHA-256, shown so what is signed can be compared with what is downloaded. */
  sha256: string;
  /** The file name a download gets, e.g. C-2026-000001.pdf. */
  fileName: string;
  /** "Download PDF" or, once signed, "Download signed PDF". */
  downloadLabel: string;
  /** The feature's words for a failed download. */
  describeError: (error: unknown) => string;
};

/** The PDF as it stands (the revision the user signs), shown in the page with the browser's own viewer. */
export function PdfViewer<Key extends QueryKey>({ query, sha256, fileName, downloadLabel, describeError }: PdfViewerProps<Key>) {
  const { t } = useTranslation();
  const pdf = useQuery(query);
  const frameRef = usePdfFrameRef(pdf.data);

  return (
    <div className="pdf-viewer">
      {pdf.isPending && <Spinner label={t("pdfViewer.loading")} />}
      {pdf.error && <Alert>{describeError(pdf.error)}</Alert>}
      {pdf.data && <iframe ref={frameRef} className="pdf-viewer__frame" title={t("pdfViewer.frameTitle", { fileName })} />}
      <p className="pdf-viewer__meta">
        <Button variant="secondary" disabled={!pdf.data} onClick={() => pdf.data && saveBlob(pdf.data, fileName)}>
          {downloadLabel}
        </Button>
        <span className="muted details__number">SHA-256 {sha256}</span>
      </p>
    </div>
  );
}
