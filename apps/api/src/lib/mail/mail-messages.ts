// The text of every notification, in the three languages, as i18next resources: {{placeholders}} are the params a
// step passes (names and numbers), so one message reads right for every case of its kind.
import type { NotificationKind } from "@pwp/shared/notifications";

type Messages = Record<NotificationKind, { subject: string; body: string }> & {
  footer: string;
  open: string;
  action: Record<"ISSUE" | "CHANGE" | "CORRECTION" | "CANCELLATION" | "RELEASE", string>;
  decision: Record<"APPROVED" | "ON_HOLD" | "REJECTED" | "ACCEPTED" | "RETURNED", string>;
  documentKind: Record<"CHANGE" | "UNIT_PRICES" | "INSPECTION" | "INVOICE", string>;
};

const en: Messages = {
  REGISTRATION_SUBMITTED: { subject: "Registration to review: {{organization}}", body: "{{organization}} has applied to join the platform. Review the application in the registration queue." },
  REGISTRATION_DECIDED: { subject: "Your registration: {{decision}}", body: "The platform operator's decision on the registration of {{organization}}: {{decision}}.\n{{reason}}" },
  CERTIFICATE_REQUEST_WAITING: { subject: "Certificate request to approve: {{requester}}", body: "{{requester}} has requested a signing certificate. Approve or reject the request." },
  CERTIFICATE_ISSUED: { subject: "Your certificate has been issued", body: "Your signing certificate has been issued (valid until {{notAfter}}). You can now sign with it in the browser where you requested it." },
  CONTRACT_SENT: { subject: "Contract to review and sign: {{number}}", body: "{{organization}} has sent you the contract {{number}} \"{{title}}\" to review and sign." },
  CONTRACT_RETURNED: { subject: "Contract returned: {{number}}", body: "{{organization}} has returned the contract {{number}} \"{{title}}\".\nReason: {{reason}}" },
  CONTRACT_AWAITING_SIGNATURE: { subject: "Contract waiting for your signature: {{number}}", body: "{{organization}} has signed the contract {{number}} \"{{title}}\". It is now waiting for your signature." },
  CONTRACT_COMPLETED: { subject: "Contract signed by every party: {{number}}", body: "The contract {{number}} \"{{title}}\" has been signed by every party. The signed PDF is on its page." },
  CONTRACT_DOCUMENT_SENT: { subject: "{{documentKind}} {{number}} to sign (contract {{contract}})", body: "{{organization}} has sent the {{documentKind}} {{number}} of the contract {{contract}}. It waits for your review and signature." },
  CONTRACT_DOCUMENT_RETURNED: { subject: "{{documentKind}} {{number}} returned (contract {{contract}})", body: "{{organization}} has returned the {{documentKind}} {{number}} of the contract {{contract}}.\nReason: {{reason}}" },
  CONTRACT_DOCUMENT_SIGNED: { subject: "{{documentKind}} {{number}} signed (contract {{contract}})", body: "{{organization}} has signed the {{documentKind}} {{number}} of the contract {{contract}}." },
  GUARANTEE_SUBMITTED: { subject: "Guarantee application to review: {{organization}}", body: "{{organization}} has applied for a guarantee for \"{{title}}\". Review the application." },
  GUARANTEE_CORRECTION_REQUESTED: { subject: "Corrections requested on your guarantee application", body: "{{organization}} asks for corrections to the guarantee application for \"{{title}}\".\n{{reason}}" },
  GUARANTEE_REFUSED: { subject: "Guarantee application refused", body: "{{organization}} has refused the guarantee application for \"{{title}}\".\nReason: {{reason}}" },
  GUARANTEE_ISSUED: { subject: "Guarantee {{number}}: {{action}}", body: "{{organization}} has signed the guarantee {{number}} for \"{{title}}\" ({{action}}). Download the certificate and the authentication key notice from the guarantee's page." },
  GUARANTEE_DECIDED_BY_ORDERER: { subject: "Guarantee {{number}} {{decision}} by the orderer", body: "{{organization}} has {{decision}} the guarantee {{number}} for \"{{title}}\".\n{{reason}}" },
  footer: "You receive this e-mail because you use the public-works paperwork platform. Choose which e-mails you get on your account page.",
  open: "Open",
  action: { ISSUE: "issued", CHANGE: "changed", CORRECTION: "corrected", CANCELLATION: "cancelled", RELEASE: "released" },
  decision: { APPROVED: "approved", ON_HOLD: "put on hold", REJECTED: "rejected", ACCEPTED: "accepted", RETURNED: "returned" },
  documentKind: { CHANGE: "change contract", UNIT_PRICES: "unit-price agreement", INSPECTION: "inspection", INVOICE: "invoice" },
};

const ko: Messages = {
  REGISTRATION_SUBMITTED: { subject: "가입 심사 요청: {{organization}}", body: "{{organization}}에서 플랫폼 가입을 신청했습니다. 가입 심사 화면에서 심사해 주십시오." },
  REGISTRATION_DECIDED: { subject: "가입 심사 결과: {{decision}}", body: "{{organization}}의 가입 신청에 대한 플랫폼 운영자의 결정: {{decision}}.\n{{reason}}" },
  CERTIFICATE_REQUEST_WAITING: { subject: "인증서 발급 승인 요청: {{requester}}", body: "{{requester}}님이 서명용 인증서 발급을 신청했습니다. 승인하거나 반려해 주십시오." },
  CERTIFICATE_ISSUED: { subject: "인증서가 발급되었습니다", body: "서명용 인증서가 발급되었습니다({{notAfter}}까지 유효). 신청한 브라우저에서 바로 서명할 수 있습니다." },
  CONTRACT_SENT: { subject: "검토·서명할 계약: {{number}}", body: "{{organization}}에서 계약 {{number}} 「{{title}}」을(를) 보냈습니다. 검토 후 서명해 주십시오." },
  CONTRACT_RETURNED: { subject: "계약 반려: {{number}}", body: "{{organization}}에서 계약 {{number}} 「{{title}}」을(를) 반려했습니다.\n사유: {{reason}}" },
  CONTRACT_AWAITING_SIGNATURE: { subject: "서명 대기 중인 계약: {{number}}", body: "{{organization}}에서 계약 {{number}} 「{{title}}」에 서명했습니다. 귀하의 서명을 기다리고 있습니다." },
  CONTRACT_COMPLETED: { subject: "모든 당사자의 서명 완료: {{number}}", body: "계약 {{number}} 「{{title}}」에 모든 당사자가 서명했습니다. 서명된 PDF는 계약 화면에 있습니다." },
  CONTRACT_DOCUMENT_SENT: { subject: "서명할 {{documentKind}} {{number}}(계약 {{contract}})", body: "{{organization}}에서 계약 {{contract}}의 {{documentKind}} {{number}}을(를) 보냈습니다. 검토 후 서명해 주십시오." },
  CONTRACT_DOCUMENT_RETURNED: { subject: "{{documentKind}} {{number}} 반려(계약 {{contract}})", body: "{{organization}}에서 계약 {{contract}}의 {{documentKind}} {{number}}을(를) 반려했습니다.\n사유: {{reason}}" },
  CONTRACT_DOCUMENT_SIGNED: { subject: "{{documentKind}} {{number}} 서명(계약 {{contract}})", body: "{{organization}}에서 계약 {{contract}}의 {{documentKind}} {{number}}에 서명했습니다." },
  GUARANTEE_SUBMITTED: { subject: "보증 신청 심사 요청: {{organization}}", body: "{{organization}}에서 「{{title}}」에 대한 보증을 신청했습니다. 신청서를 심사해 주십시오." },
  GUARANTEE_CORRECTION_REQUESTED: { subject: "보증 신청 보완 요청", body: "{{organization}}에서 「{{title}}」 보증 신청의 보완을 요청했습니다.\n{{reason}}" },
  GUARANTEE_REFUSED: { subject: "보증 신청 거절", body: "{{organization}}에서 「{{title}}」 보증 신청을 거절했습니다.\n사유: {{reason}}" },
  GUARANTEE_ISSUED: { subject: "보증서 {{number}}: {{action}}", body: "{{organization}}에서 「{{title}}」 보증서 {{number}}에 서명했습니다({{action}}). 보증서와 인증키 안내서는 보증 화면에서 내려받을 수 있습니다." },
  GUARANTEE_DECIDED_BY_ORDERER: { subject: "발주기관의 보증서 {{number}} {{decision}}", body: "{{organization}}에서 「{{title}}」 보증서 {{number}}을(를) {{decision}}했습니다.\n{{reason}}" },
  footer: "공공공사 전자문서 플랫폼을 이용하고 계시므로 이 메일을 보내 드립니다. 받을 메일은 계정 화면에서 선택할 수 있습니다.",
  open: "열기",
  action: { ISSUE: "신규 발급", CHANGE: "변경", CORRECTION: "정정", CANCELLATION: "취소", RELEASE: "해제" },
  decision: { APPROVED: "승인", ON_HOLD: "보류", REJECTED: "반려", ACCEPTED: "접수", RETURNED: "반려" },
  documentKind: { CHANGE: "변경계약", UNIT_PRICES: "단가합의서", INSPECTION: "검사", INVOICE: "대가 청구서" },
};

const ja: Messages = {
  REGISTRATION_SUBMITTED: { subject: "登録審査の依頼：{{organization}}", body: "{{organization}}がプラットフォームへの登録を申請しました。登録審査の画面で審査してください。" },
  REGISTRATION_DECIDED: { subject: "登録審査の結果：{{decision}}", body: "{{organization}}の登録申請に対する運用者の決定：{{decision}}。\n{{reason}}" },
  CERTIFICATE_REQUEST_WAITING: { subject: "証明書発行の承認依頼：{{requester}}", body: "{{requester}}さんが署名用証明書の発行を申請しました。承認または却下してください。" },
  CERTIFICATE_ISSUED: { subject: "証明書が発行されました", body: "署名用証明書が発行されました（{{notAfter}}まで有効）。申請したブラウザですぐに署名できます。" },
  CONTRACT_SENT: { subject: "確認・署名が必要な契約：{{number}}", body: "{{organization}}から契約 {{number}}「{{title}}」が届きました。内容を確認して署名してください。" },
  CONTRACT_RETURNED: { subject: "契約の差戻し：{{number}}", body: "{{organization}}が契約 {{number}}「{{title}}」を差し戻しました。\n理由：{{reason}}" },
  CONTRACT_AWAITING_SIGNATURE: { subject: "署名待ちの契約：{{number}}", body: "{{organization}}が契約 {{number}}「{{title}}」に署名しました。あなたの署名を待っています。" },
  CONTRACT_COMPLETED: { subject: "全当事者の署名完了：{{number}}", body: "契約 {{number}}「{{title}}」にすべての当事者が署名しました。署名済みPDFは契約の画面にあります。" },
  CONTRACT_DOCUMENT_SENT: { subject: "署名が必要な{{documentKind}} {{number}}（契約 {{contract}}）", body: "{{organization}}から契約 {{contract}}の{{documentKind}} {{number}}が届きました。確認して署名してください。" },
  CONTRACT_DOCUMENT_RETURNED: { subject: "{{documentKind}} {{number}}の差戻し（契約 {{contract}}）", body: "{{organization}}が契約 {{contract}}の{{documentKind}} {{number}}を差し戻しました。\n理由：{{reason}}" },
  CONTRACT_DOCUMENT_SIGNED: { subject: "{{documentKind}} {{number}}の署名（契約 {{contract}}）", body: "{{organization}}が契約 {{contract}}の{{documentKind}} {{number}}に署名しました。" },
  GUARANTEE_SUBMITTED: { subject: "保証申込の審査依頼：{{organization}}", body: "{{organization}}が「{{title}}」の保証を申し込みました。申込内容を審査してください。" },
  GUARANTEE_CORRECTION_REQUESTED: { subject: "保証申込の訂正依頼", body: "{{organization}}が「{{title}}」の保証申込の訂正を依頼しました。\n{{reason}}" },
  GUARANTEE_REFUSED: { subject: "保証申込の謝絶", body: "{{organization}}が「{{title}}」の保証申込を謝絶しました。\n理由：{{reason}}" },
  GUARANTEE_ISSUED: { subject: "保証書 {{number}}：{{action}}", body: "{{organization}}が「{{title}}」の保証書 {{number}}に署名しました（{{action}}）。保証書と認証キー通知書は保証の画面からダウンロードできます。" },
  GUARANTEE_DECIDED_BY_ORDERER: { subject: "発注者による保証書 {{number}}の{{decision}}", body: "{{organization}}が「{{title}}」の保証書 {{number}}を{{decision}}しました。\n{{reason}}" },
  footer: "公共工事電子書類プラットフォームをご利用のため、このメールをお送りしています。受け取るメールはアカウント画面で選べます。",
  open: "開く",
  action: { ISSUE: "新規", CHANGE: "変更", CORRECTION: "訂正", CANCELLATION: "取消", RELEASE: "解除" },
  decision: { APPROVED: "承認", ON_HOLD: "保留", REJECTED: "却下", ACCEPTED: "受付", RETURNED: "返戻" },
  documentKind: { CHANGE: "変更契約", UNIT_PRICES: "単価合意書", INSPECTION: "検査", INVOICE: "請求書" },
};

export const MAIL_MESSAGES = { en, ko, ja } as const;
