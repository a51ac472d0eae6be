import { useParams } from "react-router";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { ContractDocumentsSection } from "@/features/contract-documents/components/contract-documents-section";
import { ContractDetailPage } from "@/features/contracts/components/contract-detail-page";
import { GuaranteesNeedingChange } from "@/features/guarantees/components/guarantees-needing-change";

export function ContractRoute() {
  const { contractId = "" } = useParams();
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Keyed by id: moving to another contract starts its dialogs and signing panel afresh. What follows a completed
  // contract (changes, unit prices, inspections, invoices) is another feature's, composed here.
  return (
    <ContractDetailPage
      key={contractId}
      contractId={contractId}
      user={user}
      renderAfterCompletion={(detail) => (
        <ContractDocumentsSection
          contractId={detail.id}
          mySide={detail.mySide}
          renderGuaranteesNeedingChange={(items) => <GuaranteesNeedingChange items={items} contractId={detail.id} />}
        />
      )}
    />
  );
}
