import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { saveBlob } from "@/lib/save-blob";
import { useContractPdf, type RevisionRef } from "../api/get-contract-pdf";
import { describeContractError } from "./describe-contract-error";

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

type ContractPdfViewerProps = {
  contractId: string;
  revision: RevisionRef & { sha256: string };
  /** The file name a download gets, e.g. C-2026-000001.pdf. */
  fileName: string;
  /** "Download PDF" or, once signed, "Download signed PDF". */
  downloadLabel: string;
};

/** The PDF as it stands (the revision the user signs), shown in the page with the browser's own viewer. */
export function ContractPdfViewer({ contractId, revision, fileName, downloadLabel }: ContractPdfViewerProps) {
  const { t } = useTranslation();
  const pdf = useContractPdf(contractId, revision);
  const frameRef = usePdfFrameRef(pdf.data);

  return (
    <div className="contract-pdf">
      {pdf.isPending && <Spinner label={t("contracts.detail.pdfLoading")} />}
      {pdf.error && <Alert>{describeContractError(pdf.error, t)}</Alert>}
      {pdf.data && <iframe ref={frameRef} className="contract-pdf__frame" title={t("contracts.detail.pdfFrameTitle", { fileName })} />}
      <p className="contract-pdf__meta">
        <Button variant="secondary" disabled={!pdf.data} onClick={() => pdf.data && saveBlob(pdf.data, fileName)}>
          {downloadLabel}
        </Button>
        <span className="muted details__number">SHA-256 {revision.sha256}</span>
      </p>
    </div>
  );
}
