// The contract PDF the parties sign, rendered with pdf-lib: Korean or Japanese layout by the orderer's country.
//
// The Korean one follows the 공사도급계약서 of Korean public works (발주자 "갑", 계약상대자 "을", 계약금액 in 한글 and
// figures, 착공–준공); the Japanese one the 工事請負契約書 of 公共工事標準請負契約約款 (発注者・受注者, 請負代金額 in
// 大字, 工期). The annex is appended page by page after the terms and the signature block, so both electronic
// signatures cover it. The file is saved without object streams: the signatures are added as incremental updates
// with a classic cross-reference table.
import { formatAmount, formatJapaneseContractAmount, formatKoreanContractAmount } from "@pwp/shared/amounts";
import { formatSharePercent, type ContractContact, type ContractParty, type Currency, type GuaranteeKind, type JointVenture, type TermsSection } from "@pwp/shared/contracts";
import { PDFDocument, type PDFPage } from "pdf-lib";
import { AppError } from "../../lib/app-error.ts";
import { embedCjkFonts } from "../../lib/pdf/cjk-fonts.ts";
import { formatContractDate, partyRows, signatureColumn } from "../../lib/pdf/contract-wording.ts";
import { collectBlockText, MUTED, PAGE_NUMBER_CHARACTERS, PdfLayout, stampPages, type Block } from "../../lib/pdf/layout.ts";

export type ContractPdfInput = {
  /** ko for a Korean orderer, ja for a Japanese one. */
  language: "ko" | "ja";
  contractNumber: string;
  title: string;
  amount: bigint;
  currency: Currency;
  /** YYYY-MM-DD. */
  worksStartDate: string;
  worksEndDate: string;
  contractDate: string;
  place: string;
  termsSections: TermsSection[];
  requiredGuarantees: GuaranteeKind[];
  orderer: ContractParty;
  /** The contractor, or a joint venture's lead. */
  contractor: ContractParty;
  /** A joint venture on the contractor side (its firms, the lead first); null or left out for a single contractor. */
  jointVenture?: JointVenture | null;
  contacts: ContractContact[];
  /** Appended after the terms, page by page, so the signatures cover it. */
  annexPdf: Uint8Array | null;
  /** How many times it has been sent (1 for the first). */
  edition: number;
};

/** Written into every contract's /Producer: fixed, so that it says which renderer made the file and nothing more. */
export const CONTRACT_PDF_PRODUCER = "PWP contract renderer (pdf-lib 1.17.1)";

type Language = ContractPdfInput["language"];

/** Everything language-specific of the contract: labels and the sentences around the data. */
type ContractWording = {
  documentTitle: string;
  editionLabel(edition: number): string;
  contractNumberLabel: string;
  date(isoDate: string): string;
  intro(orderer: string, contractor: string): string;
  partiesHeading: string;
  ordererLabel: string;
  contractorLabel: string;
  detailsHeading: string;
  title: string;
  amount: string;
  amountText(amount: bigint, currency: Currency): string;
  period: string;
  periodText(start: string, end: string): string;
  contractDate: string;
  place: string;
  guarantees: string;
  guaranteeNames: Record<GuaranteeKind, string>;
  none: string;
  list(items: string[]): string;
  contactsHeading: string;
  contactKey(side: ContractContact["side"]): string;
  contactText(contact: ContractContact): string;
  termsHeading: string;
  articleHeading(index: number, heading: string): string;
  annexLine(pageCount: number): string;
  closing: string;
  signatureBy(side: "ORDERER" | "CONTRACTOR"): string;
  /** How the contractor side is named when it is a joint venture. */
  jointVentureParty(name: string, lead: string): string;
  jointVentureFirm(isLead: boolean, share: string): string;
  jointVentureClosing: string;
  jointVentureSignatureBy(isLead: boolean): string;
};

const KOREAN: ContractWording = {
  documentTitle: "공사도급계약서",
  editionLabel: (edition) => `제${edition}차`,
  contractNumberLabel: "계약번호",
  date: (isoDate) => formatContractDate("ko", isoDate),
  intro: (orderer, contractor) =>
    `발주자 ${orderer}(이하 "갑"이라 한다)와 계약상대자 ${contractor}(이하 "을"이라 한다)는 다음 공사에 관하여 아래의 계약조건에 따라 도급계약을 체결한다.`,
  partiesHeading: "1. 계약당사자",
  ordererLabel: "발주자(갑)",
  contractorLabel: "계약상대자(을)",
  detailsHeading: "2. 계약내용",
  title: "공사명",
  amount: "계약금액",
  amountText: (amount, currency) => formatKoreanContractAmount(amount, currency),
  period: "공사기간",
  periodText: (start, end) => `착공 ${start} ~ 준공 ${end}`,
  contractDate: "계약일",
  place: "공사장소",
  guarantees: "요구 보증",
  guaranteeNames: {
    ADVANCE_PAYMENT: "선급금보증",
    INTERIM_ADVANCE_PAYMENT: "중간선급금보증",
    CONTRACT_PERFORMANCE: "계약보증금",
    DEFECT_REPAIR: "하자보수보증금",
  },
  none: "없음",
  list: (items) => items.join(", "),
  contactsHeading: "3. 담당자",
  contactKey: (side) => (side === "ORDERER" ? "발주자 담당자" : "계약상대자 담당자"),
  contactText: (contact) =>
    [contact.name + (contact.department ? ` (${contact.department})` : ""), contact.phone && `전화 ${contact.phone}`, contact.email && `이메일 ${contact.email}`]
      .filter(Boolean)
      .join(" · "),
  termsHeading: "4. 계약조건",
  articleHeading: (index, heading) => (/^제\s*\d+\s*조/.test(heading) ? heading : `제${index}조(${heading})`),
  annexLine: (pageCount) => `붙임: 별첨 문서 ${pageCount}쪽 (이 계약서의 마지막 ${pageCount}쪽에 첨부)`,
  closing: "위 계약을 증명하기 위하여 계약서를 작성하고 발주자와 계약상대자가 전자서명한다.",
  signatureBy: (side) => (side === "ORDERER" ? "발주자(갑)" : "계약상대자(을)"),
  jointVentureParty: (name, lead) => `${name}(대표사 ${lead})`,
  jointVentureFirm: (isLead, share) => `${isLead ? "대표사" : "구성원"} · 지분율 ${share}`,
  jointVentureClosing: "위 계약을 증명하기 위하여 계약서를 작성하고 발주자와 공동수급체의 구성원 전원이 전자서명한다.",
  jointVentureSignatureBy: (isLead) => (isLead ? "계약상대자(을) 공동수급체 대표사" : "계약상대자(을) 공동수급체 구성원"),
};

const JAPANESE: ContractWording = {
  documentTitle: "工事請負契約書",
  editionLabel: (edition) => `第${edition}版`,
  contractNumberLabel: "契約番号",
  date: (isoDate) => formatContractDate("ja", isoDate),
  intro: (orderer, contractor) =>
    `発注者 ${orderer}（以下「発注者」という。）と受注者 ${contractor}（以下「受注者」という。）は、次の工事について、以下の契約条項により請負契約を締結する。`,
  partiesHeading: "1. 契約当事者",
  ordererLabel: "発注者",
  contractorLabel: "受注者",
  detailsHeading: "2. 契約内容",
  title: "工事名",
  amount: "請負代金額",
  amountText: (amount, currency) => `${formatJapaneseContractAmount(amount, currency)}（${formatAmount(amount, currency, "ja", { symbol: true })}）`,
  period: "工期",
  periodText: (start, end) => `着工 ${start} から 完成 ${end} まで`,
  contractDate: "契約日",
  place: "工事場所",
  guarantees: "必要な保証",
  guaranteeNames: {
    ADVANCE_PAYMENT: "前払金保証",
    INTERIM_ADVANCE_PAYMENT: "中間前払金保証",
    CONTRACT_PERFORMANCE: "契約保証",
    DEFECT_REPAIR: "瑕疵担保保証",
  },
  none: "なし",
  list: (items) => items.join("、"),
  contactsHeading: "3. 担当者",
  contactKey: (side) => (side === "ORDERER" ? "発注者側担当者" : "受注者側担当者"),
  contactText: (contact) =>
    [contact.name + (contact.department ? `（${contact.department}）` : ""), contact.phone && `電話 ${contact.phone}`, contact.email && `メール ${contact.email}`]
      .filter(Boolean)
      .join("・"),
  termsHeading: "4. 契約条項",
  articleHeading: (index, heading) => (/^第\s*[0-9０-９一二三四五六七八九十百]+\s*条/.test(heading) ? heading : `第${index}条（${heading}）`),
  annexLine: (pageCount) => `別添：別添書類 全${pageCount}ページ（本契約書の末尾${pageCount}ページに添付）`,
  closing: "本契約の証として本書を電磁的記録により作成し、発注者及び受注者が電子署名を行い、各自その電磁的記録を保管する。",
  signatureBy: (side) => (side === "ORDERER" ? "発注者" : "受注者"),
  jointVentureParty: (name, lead) => `${name}（代表者 ${lead}）`,
  jointVentureFirm: (isLead, share) => `${isLead ? "代表者" : "構成員"}・出資比率 ${share}`,
  jointVentureClosing: "本契約の証として本書を電磁的記録により作成し、発注者及び共同企業体の構成員全員が電子署名を行い、各自その電磁的記録を保管する。",
  jointVentureSignatureBy: (isLead) => (isLead ? "受注者 共同企業体代表者" : "受注者 共同企業体構成員"),
};

const WORDING: Record<Language, ContractWording> = { ko: KOREAN, ja: JAPANESE };

function unreadableAnnex(message: string, cause?: unknown): AppError {
  return new AppError("VALIDATION_FAILED", "The annex is not a PDF that can be attached.", { fields: [{ field: "annex", message }], cause });
}

/** Reads the annex, or refuses it as the user's bad input (the upload route validates it too; this is the backstop). */
async function loadAnnex(annexPdf: Uint8Array): Promise<{ annex: PDFDocument; pageCount: number }> {
  try {
    const annex = await PDFDocument.load(annexPdf, { updateMetadata: false });
    // pdf-lib accepts some garbage without a word and fails only when asked for the pages.
    const pageCount = annex.getPageCount();
    if (pageCount === 0) throw unreadableAnnex("The annex PDF has no pages.");
    return { annex, pageCount };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const isEncrypted = error instanceof Error && /encrypt/i.test(error.message);
    throw unreadableAnnex(isEncrypted ? "The annex PDF is encrypted; attach a copy without a password." : "The annex cannot be read as a PDF.", error);
  }
}

/** The whole contract as blocks, before any font is known. */
function contractBlocks(input: ContractPdfInput, wording: ContractWording, annexPageCount: number): Block[] {
  const heading = (text: string): Block => ({ type: "text", text, size: 12, weight: "bold", spaceBefore: 14, spaceAfter: 6, keepWithNext: true });
  const keyWidth = input.language === "ko" ? 110 : 120;
  const jointVenture = input.jointVenture ?? null;
  const contractorName = jointVenture ? wording.jointVentureParty(jointVenture.name, input.contractor.nameLocal) : input.contractor.nameLocal;
  const contactRows = input.contacts.map((contact) => ({ key: wording.contactKey(contact.side), value: wording.contactText(contact) }));
  const blocks: Block[] = [
    { type: "text", text: wording.documentTitle, size: 20, weight: "bold", align: "center", spaceAfter: 2 },
    {
      type: "text",
      text: `${wording.contractNumberLabel} ${input.contractNumber} · ${wording.editionLabel(input.edition)}`,
      size: 9,
      align: "center",
      color: MUTED,
      spaceAfter: 16,
    },
    { type: "text", text: wording.intro(input.orderer.nameLocal, contractorName), size: 10.5 },
    heading(wording.partiesHeading),
    { type: "text", text: wording.ordererLabel, size: 10.5, weight: "bold", spaceAfter: 3, keepWithNext: true },
    { type: "keyValue", rows: partyRows(input.language, input.orderer), size: 10, keyWidth, spaceAfter: 8 },
    ...contractorPartyBlocks(input, wording, keyWidth),
    heading(wording.detailsHeading),
    {
      type: "keyValue",
      size: 10,
      keyWidth,
      rows: [
        { key: wording.title, value: input.title },
        { key: wording.amount, value: wording.amountText(input.amount, input.currency) },
        { key: wording.period, value: wording.periodText(wording.date(input.worksStartDate), wording.date(input.worksEndDate)) },
        { key: wording.contractDate, value: wording.date(input.contractDate) },
        { key: wording.place, value: input.place.trim() || wording.none },
        {
          key: wording.guarantees,
          value: input.requiredGuarantees.length > 0 ? wording.list(input.requiredGuarantees.map((kind) => wording.guaranteeNames[kind])) : wording.none,
        },
      ],
    },
    heading(wording.contactsHeading),
    contactRows.length > 0
      ? { type: "keyValue", size: 10, keyWidth, rows: contactRows }
      : { type: "text", text: wording.none, size: 10 },
    heading(wording.termsHeading),
  ];
  input.termsSections.forEach((section, index) => {
    blocks.push({ type: "text", text: wording.articleHeading(index + 1, section.heading.trim()), size: 10.5, weight: "bold", spaceBefore: 8, spaceAfter: 2, keepWithNext: true });
    blocks.push({ type: "text", text: section.body, size: 10 });
  });
  if (input.termsSections.length === 0) blocks.push({ type: "text", text: wording.none, size: 10 });
  if (annexPageCount > 0) blocks.push({ type: "text", text: wording.annexLine(annexPageCount), size: 10, weight: "bold", spaceBefore: 14 });

  // The orderer and the contractor side by side; a joint venture's firms follow two to a row, the lead first.
  const signatureBoxes = [
    signatureColumn(input.language, wording.signatureBy("ORDERER"), input.orderer),
    ...(jointVenture
      ? jointVenture.members.map((member) => signatureColumn(input.language, wording.jointVentureSignatureBy(member.isLead), member.organization))
      : [signatureColumn(input.language, wording.signatureBy("CONTRACTOR"), input.contractor)]),
  ];
  blocks.push(
    { type: "text", text: jointVenture ? wording.jointVentureClosing : wording.closing, size: 10.5, spaceBefore: 20, spaceAfter: 8, keepWithNext: true },
    { type: "text", text: wording.date(input.contractDate), size: 10.5, align: "center", spaceAfter: 10, keepWithNext: true },
  );
  for (let index = 0; index < signatureBoxes.length; index += 2) {
    const row = signatureBoxes.slice(index, index + 2);
    // A last lone box keeps the width of half a row, like the ones above it.
    if (row.length === 1) row.push([]);
    blocks.push({ type: "columns", size: 10.5, boxed: { paddingBottom: 24 }, columns: row, ...(index > 0 ? { spaceBefore: 8 } : {}) });
  }
  return blocks;
}

/** The contractor in the parties section: one firm, or a joint venture's name and each firm with its role and share. */
function contractorPartyBlocks(input: ContractPdfInput, wording: ContractWording, keyWidth: number): Block[] {
  const label: Block = { type: "text", text: wording.contractorLabel, size: 10.5, weight: "bold", spaceAfter: 3, keepWithNext: true };
  const jointVenture = input.jointVenture;
  if (!jointVenture) return [label, { type: "keyValue", rows: partyRows(input.language, input.contractor), size: 10, keyWidth }];
  return [
    { ...label, text: `${wording.contractorLabel} ${jointVenture.name}` },
    ...jointVenture.members.flatMap((member, index): Block[] => [
      { type: "text", text: wording.jointVentureFirm(member.isLead, formatSharePercent(member.shareBasisPoints)), size: 10, weight: "bold", spaceBefore: index === 0 ? 0 : 6, spaceAfter: 2, keepWithNext: true },
      { type: "keyValue", rows: partyRows(input.language, member.organization), size: 10, keyWidth },
    ]),
  ];
}

/** A PDF with a classic cross-reference table (no object streams), ready for incremental signatures. */
export async function renderContractPdf(input: ContractPdfInput): Promise<Uint8Array> {
  const wording = WORDING[input.language];
  const annex = input.annexPdf ? await loadAnnex(input.annexPdf) : null;
  const blocks = contractBlocks(input, wording, annex?.pageCount ?? 0);
  const header = { left: `${wording.contractNumberLabel} ${input.contractNumber}`, right: `${wording.documentTitle} · ${wording.editionLabel(input.edition)}` };

  const doc = await PDFDocument.create();
  const text = collectBlockText(blocks);
  const fonts = await embedCjkFonts(doc, {
    language: input.language,
    regular: [text.regular, header.left, header.right, PAGE_NUMBER_CHARACTERS].join("\n"),
    bold: text.bold,
  });
  new PdfLayout(doc, fonts).render(blocks);
  if (annex) {
    let pages: PDFPage[];
    try {
      pages = await doc.copyPages(annex.annex, annex.annex.getPageIndices());
    } catch (error) {
      throw unreadableAnnex("The annex's pages cannot be read.", error);
    }
    for (const page of pages) doc.addPage(page);
  }
  stampPages(doc, fonts, header);
  await fonts.finalize();

  doc.setTitle(`${wording.documentTitle} ${input.title}`, { showInWindowTitleBar: true });
  doc.setAuthor(input.orderer.nameLocal);
  doc.setSubject(`${wording.contractNumberLabel} ${input.contractNumber} ${wording.editionLabel(input.edition)}`);
  doc.setKeywords([input.contractNumber, input.orderer.nameLocal, ...(input.jointVenture?.members.map((member) => member.organization.nameLocal) ?? [input.contractor.nameLocal])]);
  doc.setCreator("PWP e-contract");
  doc.setProducer(CONTRACT_PDF_PRODUCER);
  doc.setLanguage(input.language === "ko" ? "ko-KR" : "ja-JP");
  return doc.save({ useObjectStreams: false });
}
