import { useParams } from "react-router";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { DocumentDetailPage } from "@/features/contract-documents/components/document-detail-page";

export function ContractDocumentRoute() {
  const { contractId = "", documentId = "" } = useParams();
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Keyed by id: moving to another document starts its dialogs and signing panel afresh.
  return <DocumentDetailPage key={documentId} contractId={contractId} documentId={documentId} user={user} />;
}
