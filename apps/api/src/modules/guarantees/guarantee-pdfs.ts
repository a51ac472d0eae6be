// The PDFs of a guarantee, rendered with pdf-lib and the CJK fonts of lib/pdf: the certificate (保証証書 / 보증서)
// the surety signs, the fee statement (保証料計算書 / 보증수수료 계산서) and the authentication key notice
// (電子保証にかかる「認証キー」のお知らせ / 전자보증 인증키 안내) the contractor hands to the orderer.
//
// The Japanese certificate follows the 保証証書 of the 保証事業会社 shown in seed 004 (保証契約番号, 保証契約者, 工期,
// 保証金額, 預託金融機関, 「当社は、…約款に基づき上記のとおり保証契約を締結し、その責に任じます。」 and the (注) notes);
// the Korean one the 보증서 of 건설공제조합 (보증번호, 채권자, 채무자, 보증금액 in 한글 and figures, 보증기간, 유의사항).
// A version after the first prints its number and kind under the title, as seed 004's note 1 describes (「表題の
// 下に変更…の表示と変更の発生番号を付記」). The certificate and the fee statement are saved without object streams:
// the surety's signature is added as an incremental update with a classic cross-reference table.
import { formatAmount, formatJapaneseContractAmount, formatKoreanContractAmount } from "@pwp/shared/amounts";
import type { Currency, GuaranteeKind } from "@pwp/shared/contracts";
import {
  AUTH_KEY_PATTERN,
  formatAuthKey,
  type GuaranteeCertificateDocument,
  type GuaranteeFeePaymentMethod,
  type GuaranteeVersionKind,
} from "@pwp/shared/guarantees";
import { PDFDocument, rgb, type Color, type PDFPage } from "pdf-lib";
import { embedCjkFonts, type CjkFonts, type FontWeight } from "../../lib/pdf/cjk-fonts.ts";
import { A4_SIZE, collectBlockText, INK, KEY_FILL, MUTED, PAGE_NUMBER_CHARACTERS, PdfLayout, RULE, stampPages, type Block } from "../../lib/pdf/layout.ts";
import { drawQrCode, QR_QUIET_ZONE_MODULES } from "../../lib/pdf/qr-code.ts";

type Language = "ko" | "ja";

/** Written into each file's /Producer: fixed, so that it says which renderer made the file and nothing more. */
export const GUARANTEE_PDF_PRODUCER = "PWP guarantee renderer (pdf-lib 1.17.1)";

const CANCELLED_RED = rgb(0.72, 0.07, 0.07);
/** The ideographic space Japanese forms put between a name and 殿/様, and a label and its name. */
const WIDE_SPACE = "\u3000";

// ---- shared pieces -------------------------------------------------------------------------------------------------

function dateParts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** 2026년 11월 22일 · 2026年11月22日 (the Western year, as the contract PDF writes it). */
function formatDate(language: Language, isoDate: string): string {
  const [year, month, day] = dateParts(isoDate);
  return language === "ko" ? `${year}년 ${month}월 ${day}일` : `${year}年${month}月${day}日`;
}

function formatPeriod(language: Language, start: string, end: string): string {
  return language === "ko" ? `${formatDate("ko", start)}부터 ${formatDate("ko", end)}까지` : `${formatDate("ja", start)} から ${formatDate("ja", end)} まで`;
}

/**
 * A rate in basis points as a percentage with two decimals: 35 → 「0.35%」, 1250 → 「12.50%」. Integer arithmetic
 * only, so that no rate is ever printed as 0.35000000000000003%.
 */
export function formatRateBasisPoints(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError(`Not a rate in basis points: ${basisPoints}`);
  const hundredths = basisPoints % 100;
  return `${(basisPoints - hundredths) / 100}.${String(hundredths).padStart(2, "0")}%`;
}

const KIND_NAMES: Record<Language, Record<GuaranteeKind, string>> = {
  ja: { ADVANCE_PAYMENT: "前払金保証", INTERIM_ADVANCE_PAYMENT: "中間前払金保証", CONTRACT_PERFORMANCE: "契約保証", DEFECT_REPAIR: "瑕疵担保保証" },
  ko: { ADVANCE_PAYMENT: "선급금보증", INTERIM_ADVANCE_PAYMENT: "중간선급금보증", CONTRACT_PERFORMANCE: "계약보증", DEFECT_REPAIR: "하자보수보증" },
};

const PDF_LANGUAGE: Record<Language, string> = { ko: "ko-KR", ja: "ja-JP" };

/** Lays the blocks out on A4 with the header and page numbers; `more` runs after the layout, before the fonts close. */
async function renderBlocks(options: {
  language: Language;
  blocks: (fonts: () => CjkFonts) => Block[];
  header: { left: string; right: string };
  /** Text drawn outside the blocks (by `more`), by weight. */
  extraText?: { regular?: string; bold?: string };
  margins?: PdfLayout["margins"];
  more?: (doc: PDFDocument, fonts: CjkFonts, layout: PdfLayout) => void;
  metadata: { title: string; author: string; subject: string; keywords: string[] };
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // Drawing blocks reach the fonts only when they are drawn, after embedding: the text is collected first.
  let embedded: CjkFonts | null = null;
  const blocks = options.blocks(() => {
    if (!embedded) throw new Error("Fonts used before they were embedded");
    return embedded;
  });
  const text = collectBlockText(blocks);
  const fonts = await embedCjkFonts(doc, {
    language: options.language,
    regular: [text.regular, options.header.left, options.header.right, PAGE_NUMBER_CHARACTERS, options.extraText?.regular ?? ""].join("\n"),
    bold: [text.bold, options.extraText?.bold ?? ""].join("\n"),
  });
  embedded = fonts;
  const layout = new PdfLayout(doc, fonts, options.margins ? { margins: options.margins } : {});
  layout.render(blocks);
  options.more?.(doc, fonts, layout);
  stampPages(doc, fonts, options.header);
  await fonts.finalize();

  doc.setTitle(options.metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(options.metadata.author);
  doc.setSubject(options.metadata.subject);
  doc.setKeywords(options.metadata.keywords);
  doc.setCreator("PWP e-guarantee");
  doc.setProducer(GUARANTEE_PDF_PRODUCER);
  doc.setLanguage(PDF_LANGUAGE[options.language]);
  // A classic cross-reference table: the surety's PAdES signature is appended as an incremental update.
  return doc.save({ useObjectStreams: false });
}

const heading = (text: string): Block => ({ type: "text", text, size: 11, weight: "bold", spaceBefore: 12, spaceAfter: 4, keepWithNext: true });

// ---- the certificate -----------------------------------------------------------------------------------------------

type CertificateWording = {
  documentTitle: Record<GuaranteeKind, string>;
  /** The standard terms the guarantee is given under. */
  termsName: Record<GuaranteeKind, string>;
  versionLabel(versionNumber: number): string;
  versionKindName: Record<Exclude<GuaranteeVersionKind, "ISSUE">, string>;
  /** 「第2版（変更）」 / 「제2차 (변경)」 */
  banner(versionNumber: number, kind: Exclude<GuaranteeVersionKind, "ISSUE">): string;
  reasonLine(kind: Exclude<GuaranteeVersionKind, "ISSUE">, reason: string): string;
  cancelledNotice: string;
  issuedOnLine(date: string): string;
  /** The Japanese certificate is addressed to the orderer (宛名); the Korean one names it as 채권자 in the table. */
  addressee: ((name: string) => string) | null;
  guaranteeNumber: string;
  orderer: string;
  contractor: string;
  jvMembers: string;
  representative: string;
  listSeparator: string;
  worksTitle: string;
  contractAmount: string;
  worksPeriod: string;
  contractDate: string;
  guaranteeAmount: string;
  guaranteeAmountText(amount: number, currency: Currency): string;
  guaranteePeriod: string;
  depositBank: string;
  closing(termsName: string): string;
  cancelledClosing: string;
  suretyLabel: string;
  electronicSignature: string;
  notesHeading: string;
  notes: string[];
};

const JAPANESE_CERTIFICATE: CertificateWording = {
  documentTitle: {
    ADVANCE_PAYMENT: "前払金保証証書",
    INTERIM_ADVANCE_PAYMENT: "中間前払金保証証書",
    CONTRACT_PERFORMANCE: "契約保証証書",
    DEFECT_REPAIR: "瑕疵担保保証証書",
  },
  // The interim advance payment is guaranteed under the same 前払金保証約款 as the advance payment: the
  // 保証事業会社 have no separate terms for it.
  termsName: { ADVANCE_PAYMENT: "前払金保証約款", INTERIM_ADVANCE_PAYMENT: "前払金保証約款", CONTRACT_PERFORMANCE: "契約保証約款", DEFECT_REPAIR: "瑕疵担保保証約款" },
  versionLabel: (versionNumber) => `第${versionNumber}版`,
  versionKindName: { CHANGE: "変更", CORRECTION: "訂正", CANCELLATION: "取消", RELEASE: "解除" },
  banner: (versionNumber, kind) => `第${versionNumber}版（${JAPANESE_CERTIFICATE.versionKindName[kind]}）`,
  reasonLine: (kind, reason) => `${JAPANESE_CERTIFICATE.versionKindName[kind]}理由：${reason}`,
  cancelledNotice: "この保証契約は取り消されました。本証書に記載の保証は効力を有しません。",
  issuedOnLine: (date) => date,
  addressee: (name) => `${name}${WIDE_SPACE}殿`,
  guaranteeNumber: "保証契約番号",
  orderer: "発注者",
  contractor: "保証契約者（受注者）",
  jvMembers: "共同企業体の構成員",
  representative: "代表者",
  listSeparator: "、",
  worksTitle: "工事名",
  contractAmount: "請負代金額",
  worksPeriod: "工期",
  contractDate: "契約日",
  guaranteeAmount: "保証金額",
  guaranteeAmountText: (amount, currency) => `${formatJapaneseContractAmount(amount, currency)}（${formatAmount(amount, currency, "ja", { symbol: true })}）`,
  guaranteePeriod: "保証期間",
  depositBank: "預託金融機関",
  closing: (termsName) => `当社は、${termsName}に基づき上記のとおり保証契約を締結し、その責に任じます。`,
  cancelledClosing: "当社は、上記の保証契約を取り消したことを証します。",
  suretyLabel: "保証事業会社",
  electronicSignature: "（電子署名）",
  notesHeading: "（注）",
  notes: [
    "1. 本証書は電磁的記録により作成した電子証書であり、当社の電子署名が付されています。",
    "2. 発注者は、受注者から提出された「保証契約番号」と「認証キー」を本プラットフォームの「電子保証証書の確認」ページに入力することにより、本証書の内容、電子署名の検証結果及び変更等の履歴を確認できます。",
    "3. 保証契約を変更、訂正、取消又は解除した場合は、表題の下に版数と区分を表示した新たな版の電子証書を発行します。保証の内容は最新の版によります。",
  ],
};

const KOREAN_CERTIFICATE: CertificateWording = {
  documentTitle: {
    ADVANCE_PAYMENT: "선급금보증서",
    INTERIM_ADVANCE_PAYMENT: "중간선급금보증서",
    CONTRACT_PERFORMANCE: "계약보증서",
    DEFECT_REPAIR: "하자보수보증서",
  },
  termsName: { ADVANCE_PAYMENT: "선급금보증약관", INTERIM_ADVANCE_PAYMENT: "선급금보증약관", CONTRACT_PERFORMANCE: "계약보증약관", DEFECT_REPAIR: "하자보수보증약관" },
  versionLabel: (versionNumber) => `제${versionNumber}차`,
  versionKindName: { CHANGE: "변경", CORRECTION: "정정", CANCELLATION: "취소", RELEASE: "해제" },
  banner: (versionNumber, kind) => `제${versionNumber}차 (${KOREAN_CERTIFICATE.versionKindName[kind]})`,
  reasonLine: (kind, reason) => `${KOREAN_CERTIFICATE.versionKindName[kind]} 사유: ${reason}`,
  cancelledNotice: "이 보증은 취소되었습니다. 이 보증서에 기재된 보증은 효력이 없습니다.",
  issuedOnLine: (date) => `발행일 ${date}`,
  addressee: null,
  guaranteeNumber: "보증번호",
  orderer: "채권자(발주자)",
  contractor: "채무자(계약상대자)",
  jvMembers: "공동수급체 구성원",
  representative: "대표자",
  listSeparator: ", ",
  worksTitle: "공사명",
  contractAmount: "계약금액",
  worksPeriod: "공사기간",
  contractDate: "계약일",
  guaranteeAmount: "보증금액",
  guaranteeAmountText: (amount, currency) => formatKoreanContractAmount(amount, currency),
  guaranteePeriod: "보증기간",
  depositBank: "예치금융기관",
  closing: (termsName) => `보증기관은 ${termsName}에 따라 위와 같이 보증합니다.`,
  cancelledClosing: "보증기관은 위 보증이 취소되었음을 증명합니다.",
  suretyLabel: "보증기관",
  electronicSignature: "(전자서명)",
  notesHeading: "유의사항",
  notes: [
    "1. 이 보증서는 전자문서로 작성된 전자보증서이며 보증기관의 전자서명이 포함되어 있습니다.",
    "2. 발주자는 계약상대자에게서 받은 보증번호와 인증키를 이 플랫폼의 「전자보증서 진위 확인」 화면에 입력하여 이 보증서의 내용, 전자서명 검증 결과 및 변경 이력을 확인할 수 있습니다.",
    "3. 보증 내용이 변경·정정·취소 또는 해제되면 제목 아래에 차수와 구분을 표시한 새 차수의 전자보증서가 발행되며, 보증 내용은 최신 차수에 따릅니다.",
  ],
};

const CERTIFICATE_WORDING: Record<Language, CertificateWording> = { ko: KOREAN_CERTIFICATE, ja: JAPANESE_CERTIFICATE };

type Party = GuaranteeCertificateDocument["contractor"];

/** Name, representative and address on their own lines; empty parts left out. */
function partyLines(wording: CertificateWording, party: Party): string {
  return [party.name, party.representativeName && `${wording.representative} ${party.representativeName}`, party.address].filter(Boolean).join("\n");
}

/** Everything but the surety's block, which stays with the closing sentence. */
function certificateBlocks(document: GuaranteeCertificateDocument, wording: CertificateWording): Block[] {
  const { language } = document;
  const isCancelled = document.versionKind === "CANCELLATION";
  const blocks: Block[] = [];
  if (language === "ja") blocks.push({ type: "text", text: wording.issuedOnLine(formatDate(language, document.issuedOn)), size: 10, align: "right", spaceAfter: 6 });
  blocks.push({ type: "text", text: wording.documentTitle[document.kind], size: 20, weight: "bold", align: "center", spaceAfter: 4 });
  blocks.push({ type: "text", text: `${wording.guaranteeNumber} ${document.guaranteeNumber}`, size: 10, align: "center", color: MUTED, spaceAfter: 10 });

  if (document.versionKind !== "ISSUE") {
    const kind = document.versionKind;
    const color = isCancelled ? CANCELLED_RED : INK;
    const lines: { text: string; weight: FontWeight; color: Color }[] = [{ text: wording.banner(document.versionNumber, kind), weight: "bold", color }];
    if (isCancelled) lines.push({ text: wording.cancelledNotice, weight: "bold", color });
    if (document.reason.trim()) lines.push({ text: wording.reasonLine(kind, document.reason.trim()), weight: "regular", color: INK });
    blocks.push({ type: "columns", size: isCancelled ? 12 : 11, columns: [lines], boxed: { paddingBottom: 0 }, spaceAfter: 12 });
  }

  const rows: { key: string; value: string }[] = [{ key: wording.guaranteeNumber, value: document.guaranteeNumber }];
  if (wording.addressee) blocks.push({ type: "text", text: wording.addressee(document.orderer.name), size: 12, weight: "bold", spaceAfter: 10 });
  else rows.push({ key: wording.orderer, value: document.orderer.name });
  rows.push({ key: wording.contractor, value: partyLines(wording, document.contractor) });
  if (document.jvMembers.length > 0) rows.push({ key: wording.jvMembers, value: document.jvMembers.map((member) => member.name).join(wording.listSeparator) });
  rows.push(
    { key: wording.worksTitle, value: document.worksTitle },
    { key: wording.contractAmount, value: formatAmount(document.contractAmount, document.currency, language) },
    { key: wording.worksPeriod, value: formatPeriod(language, document.worksStartDate, document.worksEndDate) },
    { key: wording.contractDate, value: formatDate(language, document.contractDate) },
    { key: wording.guaranteeAmount, value: wording.guaranteeAmountText(document.guaranteeAmount, document.currency) },
    { key: wording.guaranteePeriod, value: formatPeriod(language, document.guaranteeStartDate, document.guaranteeEndDate) },
  );
  // The document carries a deposit bank only for advance payments (KINDS_WITH_DEPOSIT_BANK); print what was signed.
  if (document.depositBank && document.depositBank.bankName.trim()) {
    rows.push({ key: wording.depositBank, value: [document.depositBank.bankName, document.depositBank.branchName].filter((part) => part.trim()).join(" ") });
  }
  blocks.push({ type: "keyValue", rows, size: 10, keyWidth: language === "ko" ? 115 : 125 });

  blocks.push({
    type: "text",
    text: isCancelled ? wording.cancelledClosing : wording.closing(wording.termsName[document.kind]),
    size: 10.5,
    spaceBefore: 14,
    spaceAfter: 12,
    keepWithNext: true,
  });
  if (language === "ko") blocks.push({ type: "text", text: wording.issuedOnLine(formatDate(language, document.issuedOn)), size: 10.5, align: "right", spaceAfter: 6, keepWithNext: true });
  const surety = document.surety;
  if (surety.address) blocks.push({ type: "text", text: surety.address, size: 9.5, align: "right", color: MUTED, keepWithNext: true });
  blocks.push(
    { type: "text", text: `${wording.suretyLabel}${language === "ja" ? WIDE_SPACE : " "}${surety.name}`, size: 12, weight: "bold", align: "right", keepWithNext: true },
    ...(surety.representativeName ? [{ type: "text", text: `${wording.representative} ${surety.representativeName}`, size: 10.5, align: "right", keepWithNext: true } as const] : []),
    { type: "text", text: wording.electronicSignature, size: 9.5, align: "right", color: MUTED, spaceAfter: 14 },
    heading(wording.notesHeading),
    ...wording.notes.map((note): Block => ({ type: "text", text: note, size: 9, spaceAfter: 2 })),
  );
  return blocks;
}

/** A classic-xref PDF, ready for an incremental PAdES signature. */
export async function renderGuaranteeCertificatePdf(document: GuaranteeCertificateDocument): Promise<Uint8Array> {
  const wording = CERTIFICATE_WORDING[document.language];
  const title = wording.documentTitle[document.kind];
  const version = document.versionKind === "ISSUE" ? wording.versionLabel(document.versionNumber) : wording.banner(document.versionNumber, document.versionKind);
  return renderBlocks({
    language: document.language,
    blocks: () => certificateBlocks(document, wording),
    header: { left: `${wording.guaranteeNumber} ${document.guaranteeNumber}`, right: `${title} · ${version}` },
    metadata: {
      title: `${title} ${document.guaranteeNumber} ${version}`,
      author: document.surety.name,
      subject: document.worksTitle,
      keywords: [document.guaranteeNumber, document.contractor.name, document.orderer.name],
    },
  });
}

// ---- the fee statement ---------------------------------------------------------------------------------------------

export type FeeStatementInput = {
  language: "ko" | "ja";
  guaranteeNumber: string;
  kind: GuaranteeKind;
  contractorName: string;
  suretyName: string;
  worksTitle: string;
  currency: Currency;
  baseAmount: number;
  rateBasisPoints: number;
  feeAmount: number;
  paymentMethod: GuaranteeFeePaymentMethod;
  billedTo: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
};

type FeeStatementWording = {
  documentTitle: string;
  issuedOnLine(date: string): string;
  addressee(name: string): string;
  intro: string;
  guaranteeNumber: string;
  kind: string;
  worksTitle: string;
  contractor: string;
  baseAmount: string;
  rate: string;
  fee: string;
  paymentMethod: string;
  paymentMethods: Record<GuaranteeFeePaymentMethod, string>;
  billedTo: string;
  note: string;
  electronicSignature: string;
};

const FEE_STATEMENT_WORDING: Record<Language, FeeStatementWording> = {
  ja: {
    documentTitle: "保証料計算書",
    issuedOnLine: (date) => date,
    addressee: (name) => `${name}${WIDE_SPACE}様`,
    intro: "下記のとおり保証料を計算しましたので、お知らせします。",
    guaranteeNumber: "保証契約番号",
    kind: "商品（保証区分）",
    worksTitle: "工事名",
    contractor: "保証契約者",
    baseAmount: "保証料算定基礎額",
    rate: "保証料率",
    fee: "保証料",
    paymentMethod: "保証料支払方法",
    paymentMethods: { LUMP_SUM: "一括納付", INSTALLMENTS: "分割納付" },
    billedTo: "保証料請求先",
    note: "本計算書は電子交付によりお届けしており、当社の電子署名が付されています。",
    electronicSignature: "（電子署名）",
  },
  ko: {
    documentTitle: "보증수수료 계산서",
    issuedOnLine: (date) => `발행일 ${date}`,
    addressee: (name) => `${name} 귀하`,
    intro: "아래와 같이 보증수수료를 산출하였음을 알려 드립니다.",
    guaranteeNumber: "보증번호",
    kind: "보증종류",
    worksTitle: "공사명",
    contractor: "계약상대자",
    baseAmount: "산출 기준금액",
    rate: "보증요율",
    fee: "보증수수료",
    paymentMethod: "납부방법",
    paymentMethods: { LUMP_SUM: "일시납", INSTALLMENTS: "분할납" },
    billedTo: "청구처",
    note: "이 계산서는 전자문서로 발급되었으며 보증기관의 전자서명이 포함되어 있습니다.",
    electronicSignature: "(전자서명)",
  },
};

function feeStatementBlocks(input: FeeStatementInput, wording: FeeStatementWording): Block[] {
  const { language } = input;
  return [
    { type: "text", text: wording.issuedOnLine(formatDate(language, input.issuedOn)), size: 10, align: "right", spaceAfter: 6 },
    { type: "text", text: wording.documentTitle, size: 20, weight: "bold", align: "center", spaceAfter: 16 },
    { type: "text", text: wording.addressee(input.contractorName), size: 12, weight: "bold", spaceAfter: 8 },
    { type: "text", text: wording.intro, size: 10.5, spaceAfter: 10 },
    {
      type: "keyValue",
      size: 10.5,
      keyWidth: language === "ko" ? 115 : 130,
      rows: [
        { key: wording.guaranteeNumber, value: input.guaranteeNumber },
        { key: wording.kind, value: KIND_NAMES[language][input.kind] },
        { key: wording.worksTitle, value: input.worksTitle },
        { key: wording.contractor, value: input.contractorName },
        { key: wording.baseAmount, value: formatAmount(input.baseAmount, input.currency, language) },
        { key: wording.rate, value: formatRateBasisPoints(input.rateBasisPoints) },
        { key: wording.fee, value: formatAmount(input.feeAmount, input.currency, language) },
        { key: wording.paymentMethod, value: wording.paymentMethods[input.paymentMethod] },
        // Nobody named: the contractor itself is billed (the Net Desk form's default).
        { key: wording.billedTo, value: input.billedTo.trim() || input.contractorName },
      ],
    },
    { type: "text", text: wording.note, size: 9, color: MUTED, spaceBefore: 10, spaceAfter: 24 },
    { type: "text", text: input.suretyName, size: 12, weight: "bold", align: "right", keepWithNext: true },
    { type: "text", text: wording.electronicSignature, size: 9.5, align: "right", color: MUTED },
  ];
}

/** A classic-xref PDF, ready for an incremental PAdES signature. */
export async function renderFeeStatementPdf(input: FeeStatementInput): Promise<Uint8Array> {
  const wording = FEE_STATEMENT_WORDING[input.language];
  const numberLabel = `${wording.guaranteeNumber} ${input.guaranteeNumber}`;
  return renderBlocks({
    language: input.language,
    blocks: () => feeStatementBlocks(input, wording),
    header: { left: numberLabel, right: wording.documentTitle },
    metadata: { title: `${wording.documentTitle} ${input.guaranteeNumber}`, author: input.suretyName, subject: input.worksTitle, keywords: [input.guaranteeNumber, input.contractorName] },
  });
}

// ---- the authentication key notice ---------------------------------------------------------------------------------

export type KeyNoticeInput = {
  language: "ko" | "ja";
  worksTitle: string;
  contractorName: string;
  kind: GuaranteeKind;
  guaranteeNumber: string;
  authKey: string;
  suretyName: string;
  /** The lookup page with the number filled in (never the key): printed and encoded in the QR code. */
  lookupUrl: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
};

type KeyNoticeWording = {
  documentTitle: string;
  issuedOnLine(date: string): string;
  addressee(name: string): string;
  intro: string;
  ways: string[];
  completion(suretyName: string): string;
  recordHeading: string;
  worksTitle: string;
  contractorName: string;
  kind: string;
  guaranteeNumber: string;
  authKey: string;
  authKeyHint: string;
  requestHeading: string;
  request: string;
  qrCaptionTitle: string;
  qrCaption: string;
};

const KEY_NOTICE_WORDING: Record<Language, KeyNoticeWording> = {
  ja: {
    documentTitle: "電子保証にかかる「認証キー」のお知らせ",
    issuedOnLine: (date) => date,
    addressee: (name) => `${name}${WIDE_SPACE}様`,
    intro:
      "電子証書を本プラットフォームの「電子保証証書の確認」ページに掲載しましたので、お知らせします。つきましては、下記内容をご確認いただき、次のいずれかの方法でこのPDFファイルを発注者様にご提出ください。",
    ways: ["① 電子契約システムへのアップロード（本プラットフォームでは、契約に添付して提出できます）", "又は", "② 電子メールに添付して送信"],
    completion: (suretyName) =>
      `電子保証のご利用にあたっては、発注者様への「保証契約番号」と「認証キー」のご提出をもって、保証証書の提出が完了いたします。ご不明な点がございましたら、${suretyName}までお問い合わせください。`,
    recordHeading: "記",
    worksTitle: "工事名",
    contractorName: "受注者名",
    kind: "商品（保証区分）",
    guaranteeNumber: "保証契約番号",
    authKey: "認証キー",
    authKeyHint: "英字の大文字と小文字を区別します。見誤りやすい文字（数字の0と1、英字のO・o・I・l）は使用していません。",
    requestHeading: "【発注者様へお願い】",
    request: "次の確認ページを開き、上記の「保証契約番号」と「認証キー」を入力して電子証書をご確認ください。",
    qrCaptionTitle: "確認ページの二次元コード",
    qrCaption: "読み取ると、保証契約番号が入力された確認ページが開きます。このコードに認証キーは含まれていません。上記の認証キーを入力してください。",
  },
  ko: {
    documentTitle: "전자보증 인증키 안내",
    issuedOnLine: (date) => date,
    addressee: (name) => `${name} 귀하`,
    intro:
      "전자보증서를 이 플랫폼의 「전자보증서 진위 확인」 화면에 게시하였음을 알려 드립니다. 아래 내용을 확인하신 후 다음 중 한 가지 방법으로 이 PDF 파일을 발주기관에 제출하여 주십시오.",
    ways: ["① 전자계약시스템에 업로드 (이 플랫폼에서는 계약에 첨부하여 제출할 수 있습니다)", "또는", "② 전자우편(이메일)에 첨부하여 발송"],
    completion: (suretyName) =>
      `전자보증을 이용하는 경우 발주기관에 보증번호와 인증키를 제출하면 보증서 제출이 완료됩니다. 궁금한 점은 ${suretyName}(으)로 문의하여 주십시오.`,
    recordHeading: "- 아    래 -",
    worksTitle: "공사명",
    contractorName: "계약상대자",
    kind: "보증종류",
    guaranteeNumber: "보증번호",
    authKey: "인증키",
    authKeyHint: "영문 대문자와 소문자를 구분합니다. 혼동하기 쉬운 문자(숫자 0과 1, 영문 O·o·I·l)는 사용하지 않습니다.",
    requestHeading: "【발주기관 담당자께】",
    request: "아래 확인 화면을 열어 위의 보증번호와 인증키를 입력하고 전자보증서를 확인하여 주십시오.",
    qrCaptionTitle: "확인 화면 QR 코드",
    qrCaption: "QR 코드를 읽으면 보증번호가 입력된 확인 화면이 열립니다. 이 QR 코드에는 인증키가 들어 있지 않으므로 위의 인증키를 입력하여 주십시오.",
  },
};

const KEY_NOTICE_MARGIN_LEFT = 56;
/**
 * Where the QR code sits on the notice's last page, in points from the bottom-left corner (the quiet zone of
 * QR_QUIET_ZONE_MODULES modules lies around it). Fixed, at the foot of the page with the surety's name under it, so
 * that a reader finds it in the same place on every notice; the flow of text stops above it.
 */
export const KEY_NOTICE_QR = { x: KEY_NOTICE_MARGIN_LEFT, y: 104, size: 96 } as const;
const KEY_NOTICE_SURETY_BASELINE = 74;
/** Room below the flow: the QR code, its quiet zone (at most 4 modules of a 21-module symbol) and a gap. */
const KEY_NOTICE_MARGIN_BOTTOM = KEY_NOTICE_QR.y + KEY_NOTICE_QR.size + (QR_QUIET_ZONE_MODULES * KEY_NOTICE_QR.size) / 21 + 6;

const KEY_LABEL_WIDTH = 120;
const KEY_SIZE = 17;
const KEY_CELL = { width: 17, height: 26, gap: 2, groupGap: 14 };
const KEY_ROW_PADDING = 7;

/**
 * The key as a table row: each character in a cell of its own (monospace in effect, so that no character hides
 * next to another, e.g. "rn" against "m"), groups of four split by a hyphen as formatAuthKey writes it.
 */
function authKeyBlock(label: string, authKey: string, fonts: () => CjkFonts): Block {
  const formatted = formatAuthKey(authKey);
  const height = KEY_CELL.height + 2 * KEY_ROW_PADDING;
  return {
    type: "drawing",
    height,
    text: { regular: formatted, bold: label },
    draw: (page: PDFPage, box) => {
      const font = fonts();
      const bottom = box.top - height;
      page.drawRectangle({ x: box.left, y: bottom, width: KEY_LABEL_WIDTH, height, color: KEY_FILL });
      page.drawRectangle({ x: box.left, y: bottom, width: box.width, height, borderColor: RULE, borderWidth: 0.5 });
      page.drawLine({ start: { x: box.left + KEY_LABEL_WIDTH, y: box.top }, end: { x: box.left + KEY_LABEL_WIDTH, y: bottom }, color: RULE, thickness: 0.5 });
      font.draw(page, label, { x: box.left + 5, y: bottom + height / 2 - 4, size: 11, weight: "bold", color: INK });

      const cellBottom = bottom + KEY_ROW_PADDING;
      // Latin capitals stand about 0.73 em tall in Noto Sans: centre that height in the cell.
      const baseline = cellBottom + (KEY_CELL.height - KEY_SIZE * 0.73) / 2;
      let x = box.left + KEY_LABEL_WIDTH + 10;
      for (const character of formatted) {
        if (character === "-") {
          const width = font.widthOf(character, KEY_SIZE);
          font.draw(page, character, { x: x - KEY_CELL.gap + (KEY_CELL.groupGap - width) / 2, y: baseline, size: KEY_SIZE, color: MUTED });
          x += KEY_CELL.groupGap - KEY_CELL.gap;
          continue;
        }
        page.drawRectangle({ x, y: cellBottom, width: KEY_CELL.width, height: KEY_CELL.height, color: rgb(1, 1, 1), borderColor: RULE, borderWidth: 0.6 });
        font.draw(page, character, { x: x + (KEY_CELL.width - font.widthOf(character, KEY_SIZE)) / 2, y: baseline, size: KEY_SIZE, color: INK });
        x += KEY_CELL.width + KEY_CELL.gap;
      }
    },
  };
}

function keyNoticeBlocks(input: KeyNoticeInput, wording: KeyNoticeWording, fonts: () => CjkFonts): Block[] {
  const { language } = input;
  return [
    { type: "text", text: wording.issuedOnLine(formatDate(language, input.issuedOn)), size: 10, align: "right", spaceAfter: 4 },
    { type: "text", text: wording.documentTitle, size: 16, weight: "bold", align: "center", spaceAfter: 12 },
    { type: "text", text: wording.addressee(input.contractorName), size: 11, weight: "bold", spaceAfter: 6 },
    { type: "text", text: wording.intro, size: 10, spaceAfter: 4 },
    ...wording.ways.map((way, index): Block => ({ type: "text", text: way, size: 10, indent: index === 1 ? 28 : 14 })),
    { type: "text", text: wording.completion(input.suretyName), size: 10, spaceBefore: 4 },
    { type: "text", text: wording.recordHeading, size: 11, weight: "bold", align: "center", spaceBefore: 8, spaceAfter: 6, keepWithNext: true },
    {
      type: "keyValue",
      size: 10.5,
      keyWidth: KEY_LABEL_WIDTH,
      rows: [
        { key: wording.worksTitle, value: input.worksTitle },
        { key: wording.contractorName, value: input.contractorName },
        { key: wording.kind, value: KIND_NAMES[language][input.kind] },
        { key: wording.guaranteeNumber, value: input.guaranteeNumber },
      ],
    },
    authKeyBlock(wording.authKey, input.authKey, fonts),
    { type: "text", text: wording.authKeyHint, size: 8.5, color: MUTED, indent: KEY_LABEL_WIDTH + 5, spaceBefore: 3 },
    { type: "text", text: wording.requestHeading, size: 10.5, weight: "bold", spaceBefore: 10, spaceAfter: 2, keepWithNext: true },
    { type: "text", text: wording.request, size: 10 },
    { type: "text", text: input.lookupUrl, size: 10, indent: 14, spaceBefore: 2 },
  ];
}

/** The QR code with its caption at the foot of the last page, and the surety's name under them. */
function drawKeyNoticeFoot(doc: PDFDocument, fonts: CjkFonts, layout: PdfLayout, input: KeyNoticeInput, wording: KeyNoticeWording): void {
  const page = doc.getPages().at(-1)!;
  drawQrCode(page, input.lookupUrl, KEY_NOTICE_QR);
  const captionLeft = KEY_NOTICE_QR.x + KEY_NOTICE_QR.size + 18;
  const captionWidth = A4_SIZE[0] - layout.margins.right - captionLeft;
  const top = KEY_NOTICE_QR.y + KEY_NOTICE_QR.size;
  fonts.draw(page, wording.qrCaptionTitle, { x: captionLeft, y: top - 10, size: 10, weight: "bold", color: INK });
  layout.linesOf(wording.qrCaption, captionWidth, 9).forEach((line, index) => {
    fonts.draw(page, line, { x: captionLeft, y: top - 28 - index * 14, size: 9, color: INK });
  });
  const suretyWidth = fonts.widthOf(input.suretyName, 12, "bold");
  fonts.draw(page, input.suretyName, { x: A4_SIZE[0] - layout.margins.right - suretyWidth, y: KEY_NOTICE_SURETY_BASELINE, size: 12, weight: "bold", color: INK });
}

/**
 * The notice the contractor hands to the orderer. The QR code encodes lookupUrl alone: the key is printed for a
 * person to type, never put where a scanner, a link preview or a URL log would pick it up.
 */
export async function renderKeyNoticePdf(input: KeyNoticeInput): Promise<Uint8Array> {
  // The service generates the key; one that breaks the rules here is a bug, not the user's input.
  if (!new RegExp(AUTH_KEY_PATTERN).test(input.authKey)) throw new Error("The authentication key does not follow AUTH_KEY_PATTERN");
  if (input.lookupUrl.includes(input.authKey)) throw new Error("The lookup URL must not carry the authentication key");
  const wording = KEY_NOTICE_WORDING[input.language];
  return renderBlocks({
    language: input.language,
    blocks: (fonts) => keyNoticeBlocks(input, wording, fonts),
    header: { left: `${wording.guaranteeNumber} ${input.guaranteeNumber}`, right: wording.documentTitle },
    extraText: { regular: wording.qrCaption, bold: [wording.qrCaptionTitle, input.suretyName].join("\n") },
    margins: { top: 68, right: 56, bottom: KEY_NOTICE_MARGIN_BOTTOM, left: KEY_NOTICE_MARGIN_LEFT },
    more: (doc, fonts, layout) => drawKeyNoticeFoot(doc, fonts, layout, input, wording),
    // The key stays out of the metadata: file managers and mail gateways index it.
    metadata: { title: `${wording.documentTitle} ${input.guaranteeNumber}`, author: input.suretyName, subject: input.worksTitle, keywords: [input.guaranteeNumber] },
  });
}
