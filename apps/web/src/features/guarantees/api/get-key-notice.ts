import { requestBlob } from "@/lib/api-client";

/** 認証キーのお知らせ · 인증키 안내문: the PDF the contractor hands to the orderer (number, key, QR to the lookup). */
export async function getKeyNotice(guaranteeId: string): Promise<Blob> {
  const blob = await requestBlob(`/guarantees/${encodeURIComponent(guaranteeId)}/key-notice.pdf`);
  return new Blob([blob], { type: "application/pdf" });
}
