// The PDF of a document that follows a contract — a change contract (변경계약서 / 変更契約書), a unit-price
// agreement (단가합의서 / 総価契約単価合意書), an inspection record (검사조서 / 検査調書) or an invoice (청구서 /
// 請求書) — in the orderer's language, laid out as the contract PDF is (contract-pdf.ts): the same parties' table,
// the same signature boxes, the same header and page numbers, saved with a classic cross-reference table for the
// incremental PAdES signatures.
//
// Unlike the contract, the document is rendered byte for byte the same from the same input: its dates are the
// time it was sent, and nothing else in the file depends on the clock, so the SHA-256 the parties compare can be
// reproduced from the stored content.
import { formatAmount, formatAmountNumber, formatJapaneseContractAmount, formatKoreanContractAmount } from "@pwp/shared/amounts";
import {
  CONTRACT_DOCUMENT_RULES,
  unitPricesTotal,
  type ChangeContent,
  type ContractDocumentKind,
  type InspectionContent,
  type InspectionKind,
  type InspectionOutcome,
  type InvoiceContent,
  type UnitPricesContent,
} from "@pwp/shared/contract-documents";
import type { ContractParty, ContractSide, Currency } from "@pwp/shared/contracts";
import { PDFDocument } from "pdf-lib";
import { embedCjkFonts, preloadCjkFonts } from "../../lib/pdf/cjk-fonts.ts";
import { formatContractDate, partyRows, signatureColumn, type ContractLanguage } from "../../lib/pdf/contract-wording.ts";
import { collectBlockText, MUTED, PAGE_NUMBER_CHARACTERS, PdfLayout, stampPages, type Block, type TableBlock } from "../../lib/pdf/layout.ts";

export type ContractDocumentPdfInput = {
  kind: ContractDocumentKind;
  number: number;
  edition: number;
  /** The orderer's country: the document's language and layout. */
  country: "KR" | "JP";
  currency: Currency;
  /** The contract's terms before this document (for a change: what it changes). */
  contract: { contractNumber: string; title: string; contractDate: string; amount: number; worksStartDate: string; worksEndDate: string };
  orderer: ContractParty;
  contractor: ContractParty;
  /** The kind's content (ChangeContent for CHANGE, …). */
  content: ChangeContent | UnitPricesContent | InspectionContent | InvoiceContent;
  /** When it was sent: its date on the document and the file's creation date. */
  issuedAt: Date;
};

/** Written into every document's /Producer: fixed, so that it says which renderer made the file and nothing more. */
export const CONTRACT_DOCUMENT_PDF_PRODUCER = "PWP contract document renderer (pdf-lib 1.17.1)";

/** Korea and Japan are both UTC+9 all year: the date a document was sent is the date there. */
const UTC_PLUS_9_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type DocumentWording = {
  documentTitle: Record<ContractDocumentKind, string>;
  numberLabel(kind: ContractDocumentKind, number: number): string;
  editionLabel(edition: number): string;
  contractNumber: string;
  worksTitle: string;
  contractDate: string;
  contractAmount: string;
  worksPeriod: string;
  periodText(start: string, end: string): string;
  issuedOn: string;
  intro: Record<ContractDocumentKind, (names: { orderer: string; contractor: string; contractDate: string; contractNumber: string }) => string>;
  partiesHeading: string;
  sideName(kind: ContractDocumentKind, side: ContractSide): string;
  none: string;
  /** The amount as contracts write it: in words, then in figures. */
  amountInWords(amount: number, currency: Currency): string;
  currencyUnit: Record<Currency, string>;
  change: {
    heading: string;
    columns: [string, string, string, string];
    amount: string;
    worksStart: string;
    worksEnd: string;
    increase(text: string): string;
    decrease(text: string): string;
    unchanged: string;
    later(days: number): string;
    earlier(days: number): string;
    newAmount: string;
    reasonHeading: string;
    termsNoteHeading: string;
    rest: string;
  };
  unitPrices: {
    heading: string;
    columns(unit: string): [string, string, string, string, string];
    total: string;
    noteHeading: string;
  };
  inspection: {
    requestHeading: string;
    kind: string;
    kindNames: Record<InspectionKind, string>;
    requestedDate: string;
    requestNote: string;
    resultHeading: string;
    inspectedOn: string;
    outcome: string;
    outcomeNames: Record<InspectionOutcome, string>;
    findings: string;
    inspectedAmount: string;
  };
  invoice: {
    heading: string;
    gross: string;
    advanceDeduction: string;
    net: string;
    invoiceDate: string;
    note: string;
  };
  closing: Record<ContractDocumentKind, string>;
  signatureLabel(kind: ContractDocumentKind, side: ContractSide): string;
};

const KOREAN: DocumentWording = {
  documentTitle: { CHANGE: "변경계약서", UNIT_PRICES: "단가합의서", INSPECTION: "검사조서", INVOICE: "청구서" },
  numberLabel: (kind, number) => (kind === "CHANGE" ? `제${number}회 변경` : `No. ${number}`),
  editionLabel: (edition) => `제${edition}차`,
  contractNumber: "계약번호",
  worksTitle: "공사명",
  contractDate: "계약일",
  contractAmount: "계약금액",
  worksPeriod: "공사기간",
  periodText: (start, end) => `착공 ${start} ~ 준공 ${end}`,
  issuedOn: "발송일",
  intro: {
    CHANGE: ({ orderer, contractor, contractDate, contractNumber }) =>
      `발주자 ${orderer}(이하 "갑"이라 한다)와 계약상대자 ${contractor}(이하 "을"이라 한다)는 ${contractDate} 체결한 위 공사도급계약(계약번호 ${contractNumber})의 내용을 아래와 같이 변경하기로 합의한다.`,
    UNIT_PRICES: ({ contractNumber }) =>
      `계약상대자는 위 공사도급계약(계약번호 ${contractNumber})의 계약금액에 대한 단가를 아래와 같이 제출하고, 발주자와 계약상대자는 이에 합의한다.`,
    INSPECTION: () => "발주자는 계약상대자의 검사 요청에 따라 위 공사를 아래와 같이 검사하였다.",
    INVOICE: ({ contractNumber }) => `계약상대자는 위 공사도급계약(계약번호 ${contractNumber})에 따른 대가를 아래와 같이 청구한다.`,
  },
  partiesHeading: "1. 계약당사자",
  sideName: (kind, side) => (side === "ORDERER" ? "발주자" : "계약상대자") + (kind === "CHANGE" ? (side === "ORDERER" ? "(갑)" : "(을)") : ""),
  none: "없음",
  amountInWords: (amount, currency) => (amount > 0 ? formatKoreanContractAmount(amount, currency) : formatAmount(amount, currency, "ko")),
  currencyUnit: { KRW: "원", JPY: "엔" },
  change: {
    heading: "2. 변경 내용",
    columns: ["구분", "변경 전", "변경 후", "증감"],
    amount: "계약금액",
    worksStart: "착공일",
    worksEnd: "준공일",
    increase: (text) => `증 ${text}`,
    decrease: (text) => `감 ${text}`,
    unchanged: "변경 없음",
    later: (days) => `${days}일 늦춤`,
    earlier: (days) => `${days}일 앞당김`,
    newAmount: "변경 계약금액",
    reasonHeading: "3. 변경 사유",
    termsNoteHeading: "4. 기타 변경사항",
    rest: "이 변경계약서에서 정하지 아니한 사항은 원계약에 따른다.",
  },
  unitPrices: {
    heading: "2. 단가 내역",
    columns: (unit) => ["품목", "단위", "수량", `단가(${unit})`, `금액(${unit})`],
    total: "합계",
    noteHeading: "3. 비고",
  },
  inspection: {
    requestHeading: "2. 검사 요청",
    kind: "검사 구분",
    kindNames: { COMPLETION: "준공검사", PARTIAL: "기성검사" },
    requestedDate: "요청일",
    requestNote: "요청 내용",
    resultHeading: "3. 검사 결과",
    inspectedOn: "검사일",
    outcome: "판정",
    outcomeNames: { PASSED: "합격", FAILED: "불합격" },
    findings: "지적사항",
    inspectedAmount: "검사 금액(기성 누계)",
  },
  invoice: {
    heading: "2. 청구 내용",
    gross: "청구금액",
    advanceDeduction: "선급금 공제액",
    net: "실 청구금액",
    invoiceDate: "청구일",
    note: "비고",
  },
  closing: {
    CHANGE: "위 변경계약을 증명하기 위하여 변경계약서를 작성하고 계약상대자와 발주자가 전자서명한다.",
    UNIT_PRICES: "위 단가에 합의하였음을 증명하기 위하여 계약상대자와 발주자가 전자서명한다.",
    INSPECTION: "위와 같이 검사하였음을 증명하기 위하여 발주자가 전자서명한다.",
    INVOICE: "위와 같이 청구하며, 발주자는 이 청구서를 받았음을 전자서명으로 확인한다.",
  },
  signatureLabel: (kind, side) => {
    if (kind === "CHANGE") return side === "ORDERER" ? "발주자(갑)" : "계약상대자(을)";
    const role = {
      UNIT_PRICES: { CONTRACTOR: "제출", ORDERER: "합의" },
      INSPECTION: { CONTRACTOR: "검사 요청", ORDERER: "검사" },
      INVOICE: { CONTRACTOR: "청구", ORDERER: "수령 확인" },
    }[kind][side];
    return `${side === "ORDERER" ? "발주자" : "계약상대자"} (${role})`;
  },
};

const JAPANESE: DocumentWording = {
  documentTitle: { CHANGE: "変更契約書", UNIT_PRICES: "総価契約単価合意書", INSPECTION: "検査調書", INVOICE: "請求書" },
  numberLabel: (kind, number) => (kind === "CHANGE" ? `第${number}回変更` : `No. ${number}`),
  editionLabel: (edition) => `第${edition}版`,
  contractNumber: "契約番号",
  worksTitle: "工事名",
  contractDate: "契約日",
  contractAmount: "請負代金額",
  worksPeriod: "工期",
  periodText: (start, end) => `着工 ${start} から 完成 ${end} まで`,
  issuedOn: "送付日",
  intro: {
    CHANGE: ({ orderer, contractor, contractDate, contractNumber }) =>
      `発注者 ${orderer}と受注者 ${contractor}は、${contractDate}に締結した上記工事請負契約（契約番号 ${contractNumber}）の内容を次のとおり変更する。`,
    UNIT_PRICES: ({ contractNumber }) =>
      `受注者は、上記工事請負契約（契約番号 ${contractNumber}）の請負代金額に係る単価を次のとおり提出し、発注者及び受注者はこれに合意する。`,
    INSPECTION: () => "発注者は、受注者の検査の請求に基づき、上記工事について次のとおり検査を行った。",
    INVOICE: ({ contractNumber }) => `受注者は、上記工事請負契約（契約番号 ${contractNumber}）に基づき、請負代金を次のとおり請求する。`,
  },
  partiesHeading: "1. 契約当事者",
  sideName: (_kind, side) => (side === "ORDERER" ? "発注者" : "受注者"),
  none: "なし",
  amountInWords: (amount, currency) =>
    amount > 0
      ? `${formatJapaneseContractAmount(amount, currency)}（${formatAmount(amount, currency, "ja", { symbol: true })}）`
      : formatAmount(amount, currency, "ja"),
  currencyUnit: { KRW: "ウォン", JPY: "円" },
  change: {
    heading: "2. 変更内容",
    columns: ["区分", "変更前", "変更後", "増減"],
    amount: "請負代金額",
    worksStart: "着工日",
    worksEnd: "完成日",
    increase: (text) => `増 ${text}`,
    decrease: (text) => `減 ${text}`,
    unchanged: "変更なし",
    later: (days) => `${days}日繰下げ`,
    earlier: (days) => `${days}日繰上げ`,
    newAmount: "変更後の請負代金額",
    reasonHeading: "3. 変更理由",
    termsNoteHeading: "4. その他の変更事項",
    rest: "この変更契約に定めのない事項は、原契約の定めるところによる。",
  },
  unitPrices: {
    heading: "2. 単価内訳",
    columns: (unit) => ["品目", "単位", "数量", `単価（${unit}）`, `金額（${unit}）`],
    total: "合計",
    noteHeading: "3. 備考",
  },
  inspection: {
    requestHeading: "2. 検査の請求",
    kind: "検査の種類",
    kindNames: { COMPLETION: "完成検査", PARTIAL: "既済部分検査" },
    requestedDate: "請求日",
    requestNote: "請求内容",
    resultHeading: "3. 検査結果",
    inspectedOn: "検査日",
    outcome: "合否",
    outcomeNames: { PASSED: "合格", FAILED: "不合格" },
    findings: "指摘事項",
    inspectedAmount: "検査済額（出来高累計）",
  },
  invoice: {
    heading: "2. 請求内容",
    gross: "請求金額",
    advanceDeduction: "前払金控除額",
    net: "差引請求額",
    invoiceDate: "請求日",
    note: "備考",
  },
  closing: {
    CHANGE: "本変更契約の証として本書を電磁的記録により作成し、受注者及び発注者が電子署名を行い、各自その電磁的記録を保管する。",
    UNIT_PRICES: "上記の単価に合意した証として、受注者及び発注者が電子署名を行う。",
    INSPECTION: "上記のとおり検査を行ったことを証するため、発注者が電子署名を行う。",
    INVOICE: "上記のとおり請求する。発注者は、本請求書を受領したことを電子署名により確認する。",
  },
  signatureLabel: (kind, side) => {
    const sideName = side === "ORDERER" ? "発注者" : "受注者";
    if (kind === "CHANGE") return sideName;
    const role = {
      UNIT_PRICES: { CONTRACTOR: "提出", ORDERER: "合意" },
      INSPECTION: { CONTRACTOR: "検査請求", ORDERER: "検査" },
      INVOICE: { CONTRACTOR: "請求者", ORDERER: "受領確認" },
    }[kind][side];
    return `${sideName}（${role}）`;
  },
};

const WORDING: Record<ContractLanguage, DocumentWording> = { ko: KOREAN, ja: JAPANESE };

/** The calendar date in Korea and Japan (YYYY-MM-DD) at `at`. */
function dateInUtcPlus9(at: Date): string {
  return new Date(at.getTime() + UTC_PLUS_9_MS).toISOString().slice(0, 10);
}

/** Days from one YYYY-MM-DD to another (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** "1234.5" → "1,234.5": the figures grouped as amounts are, the decimals exactly as entered. */
function formatQuantity(quantity: string): string {
  const [whole = "0", fraction] = quantity.split(".");
  return formatAmountNumber(BigInt(whole)) + (fraction === undefined ? "" : `.${fraction}`);
}

type Context = { input: ContractDocumentPdfInput; language: ContractLanguage; wording: DocumentWording };

const heading = (text: string): Block => ({ type: "text", text, size: 12, weight: "bold", spaceBefore: 14, spaceAfter: 6, keepWithNext: true });
const paragraph = (text: string): Block => ({ type: "text", text, size: 10 });

function keyWidthOf(language: ContractLanguage): number {
  return language === "ko" ? 110 : 120;
}

function changeBlocks({ input, language, wording }: Context, content: ChangeContent): Block[] {
  const before = input.contract;
  const words = wording.change;
  const money = (amount: number) => formatAmount(amount, input.currency, language);
  const amountDifference = content.amount - before.amount;
  const dateShift = (from: string, to: string) => {
    const days = daysBetween(from, to);
    return days === 0 ? words.unchanged : days > 0 ? words.later(days) : words.earlier(-days);
  };
  const table: TableBlock = {
    type: "table",
    size: 10,
    columns: [
      { header: words.columns[0], width: 22 },
      { header: words.columns[1], width: 26, align: "right" },
      { header: words.columns[2], width: 26, align: "right" },
      { header: words.columns[3], width: 26, align: "right" },
    ],
    rows: [
      {
        cells: [
          words.amount,
          money(before.amount),
          money(content.amount),
          amountDifference === 0 ? words.unchanged : amountDifference > 0 ? words.increase(money(amountDifference)) : words.decrease(money(-amountDifference)),
        ],
      },
      {
        cells: [
          words.worksStart,
          formatContractDate(language, before.worksStartDate),
          formatContractDate(language, content.worksStartDate),
          dateShift(before.worksStartDate, content.worksStartDate),
        ],
      },
      {
        cells: [
          words.worksEnd,
          formatContractDate(language, before.worksEndDate),
          formatContractDate(language, content.worksEndDate),
          dateShift(before.worksEndDate, content.worksEndDate),
        ],
      },
    ],
    spaceAfter: 8,
  };
  return [
    heading(words.heading),
    table,
    { type: "keyValue", size: 10, keyWidth: keyWidthOf(language), rows: [{ key: words.newAmount, value: wording.amountInWords(content.amount, input.currency) }] },
    heading(words.reasonHeading),
    paragraph(content.reason),
    heading(words.termsNoteHeading),
    paragraph(content.termsNote?.trim() || wording.none),
    { type: "text", text: words.rest, size: 10.5, spaceBefore: 14 },
  ];
}

function unitPricesBlocks({ input, wording }: Context, content: UnitPricesContent): Block[] {
  const words = wording.unitPrices;
  const columns = words.columns(wording.currencyUnit[input.currency]);
  const table: TableBlock = {
    type: "table",
    size: 9,
    columns: [
      { header: columns[0], width: 38 },
      { header: columns[1], width: 9, align: "center" },
      { header: columns[2], width: 15, align: "right" },
      { header: columns[3], width: 17, align: "right" },
      { header: columns[4], width: 21, align: "right" },
    ],
    rows: [
      ...content.rows.map((row) => ({
        cells: [row.item, row.unit, formatQuantity(row.quantity), formatAmountNumber(row.unitPrice), formatAmountNumber(row.amount)],
      })),
      { cells: [words.total, "", "", "", formatAmountNumber(unitPricesTotal(content.rows))], weight: "bold", isShaded: true },
    ],
  };
  return [heading(words.heading), table, heading(words.noteHeading), paragraph(content.note?.trim() || wording.none)];
}

function inspectionBlocks({ input, language, wording }: Context, content: InspectionContent): Block[] {
  const { result } = content;
  // The service sends an inspection only with its result: a record without one would certify nothing.
  if (!result) throw new Error("An inspection record is rendered only once its result is written");
  const words = wording.inspection;
  const keyWidth = keyWidthOf(language);
  return [
    heading(words.requestHeading),
    {
      type: "keyValue",
      size: 10,
      keyWidth,
      rows: [
        { key: words.kind, value: words.kindNames[content.inspectionKind] },
        { key: words.requestedDate, value: formatContractDate(language, content.requestedDate) },
        { key: words.requestNote, value: content.requestNote?.trim() || wording.none },
      ],
    },
    heading(words.resultHeading),
    {
      type: "keyValue",
      size: 10,
      keyWidth,
      rows: [
        { key: words.inspectedOn, value: formatContractDate(language, result.inspectedOn) },
        { key: words.outcome, value: words.outcomeNames[result.outcome] },
        { key: words.findings, value: result.findings?.trim() || wording.none },
        { key: words.inspectedAmount, value: wording.amountInWords(result.inspectedAmount, input.currency) },
      ],
    },
  ];
}

function invoiceBlocks({ input, language, wording }: Context, content: InvoiceContent): Block[] {
  const words = wording.invoice;
  return [
    heading(words.heading),
    {
      type: "keyValue",
      size: 10,
      keyWidth: keyWidthOf(language),
      rows: [
        { key: words.gross, value: formatAmount(content.grossAmount, input.currency, language) },
        { key: words.advanceDeduction, value: formatAmount(content.advanceDeduction, input.currency, language) },
        // The amount payable is the one written in words, as on any claim for money, so that it cannot be altered.
        { key: words.net, value: wording.amountInWords(content.grossAmount - content.advanceDeduction, input.currency) },
        { key: words.invoiceDate, value: formatContractDate(language, content.invoiceDate) },
        { key: words.note, value: content.note?.trim() || wording.none },
      ],
    },
  ];
}

function contentBlocks(context: Context): Block[] {
  const { input } = context;
  // The content was checked against the kind's schema before it came here; the cast only names what was checked.
  switch (input.kind) {
    case "CHANGE":
      return changeBlocks(context, input.content as ChangeContent);
    case "UNIT_PRICES":
      return unitPricesBlocks(context, input.content as UnitPricesContent);
    case "INSPECTION":
      return inspectionBlocks(context, input.content as InspectionContent);
    case "INVOICE":
      return invoiceBlocks(context, input.content as InvoiceContent);
  }
}

/** The whole document as blocks, before any font is known. */
function documentBlocks(context: Context): Block[] {
  const { input, language, wording } = context;
  const { contract, kind } = input;
  const keyWidth = keyWidthOf(language);
  const issuedOn = formatContractDate(language, dateInUtcPlus9(input.issuedAt));
  const partyOf = (side: ContractSide) => (side === "ORDERER" ? input.orderer : input.contractor);
  // A change states the terms before it in its own table; the other kinds are about the contract as it stands.
  const termsRows =
    kind === "CHANGE"
      ? []
      : [
          { key: wording.contractAmount, value: wording.amountInWords(contract.amount, input.currency) },
          {
            key: wording.worksPeriod,
            value: wording.periodText(formatContractDate(language, contract.worksStartDate), formatContractDate(language, contract.worksEndDate)),
          },
        ];
  const signers = CONTRACT_DOCUMENT_RULES[kind].signers;

  return [
    { type: "text", text: wording.documentTitle[kind], size: 20, weight: "bold", align: "center", spaceAfter: 2 },
    {
      type: "text",
      text: `${wording.numberLabel(kind, input.number)} · ${wording.editionLabel(input.edition)}`,
      size: 9,
      align: "center",
      color: MUTED,
      spaceAfter: 16,
    },
    {
      type: "keyValue",
      size: 10,
      keyWidth,
      spaceAfter: 10,
      rows: [
        { key: wording.contractNumber, value: contract.contractNumber },
        { key: wording.worksTitle, value: contract.title },
        { key: wording.contractDate, value: formatContractDate(language, contract.contractDate) },
        ...termsRows,
        { key: wording.issuedOn, value: issuedOn },
      ],
    },
    {
      type: "text",
      size: 10.5,
      text: wording.intro[kind]({
        orderer: input.orderer.nameLocal,
        contractor: input.contractor.nameLocal,
        contractDate: formatContractDate(language, contract.contractDate),
        contractNumber: contract.contractNumber,
      }),
    },
    heading(wording.partiesHeading),
    { type: "text", text: wording.sideName(kind, "ORDERER"), size: 10.5, weight: "bold", spaceAfter: 3, keepWithNext: true },
    { type: "keyValue", rows: partyRows(language, input.orderer), size: 10, keyWidth, spaceAfter: 8 },
    { type: "text", text: wording.sideName(kind, "CONTRACTOR"), size: 10.5, weight: "bold", spaceAfter: 3, keepWithNext: true },
    { type: "keyValue", rows: partyRows(language, input.contractor), size: 10, keyWidth },
    ...contentBlocks(context),
    // The signature boxes as the contract draws them, one per signer in signing order. The signatures themselves are
    // invisible widgets on the last page (@pwp/pki/pades), where these boxes end the document.
    { type: "text", text: wording.closing[kind], size: 10.5, spaceBefore: 20, spaceAfter: 8, keepWithNext: true },
    { type: "text", text: issuedOn, size: 10.5, align: "center", spaceAfter: 10, keepWithNext: true },
    {
      type: "columns",
      size: 10.5,
      boxed: { paddingBottom: 24 },
      columns: signers.map((side) => signatureColumn(language, wording.signatureLabel(kind, side), partyOf(side))),
    },
  ];
}

/** A PDF with a classic cross-reference table (no object streams), ready for incremental signatures. */
export async function renderContractDocumentPdf(input: ContractDocumentPdfInput): Promise<Uint8Array> {
  const language: ContractLanguage = input.country === "JP" ? "ja" : "ko";
  const wording = WORDING[language];
  const blocks = documentBlocks({ input, language, wording });
  const title = wording.documentTitle[input.kind];
  const numberLabel = wording.numberLabel(input.kind, input.number);
  const header = { left: `${wording.contractNumber} ${input.contract.contractNumber}`, right: `${title} · ${numberLabel} · ${wording.editionLabel(input.edition)}` };

  // The fonts are embedded in the order their subsets finish: with every font file already read, that order is the
  // same on every run (and so are the object numbers), also for the first document after a start.
  await preloadCjkFonts();
  const doc = await PDFDocument.create();
  const text = collectBlockText(blocks);
  const fonts = await embedCjkFonts(doc, {
    language,
    regular: [text.regular, header.left, header.right, PAGE_NUMBER_CHARACTERS].join("\n"),
    bold: text.bold,
  });
  new PdfLayout(doc, fonts).render(blocks);
  stampPages(doc, fonts, header);
  await fonts.finalize();

  const author = CONTRACT_DOCUMENT_RULES[input.kind].author === "ORDERER" ? input.orderer : input.contractor;
  doc.setTitle(`${title} ${numberLabel} ${input.contract.title}`, { showInWindowTitleBar: true });
  doc.setAuthor(author.nameLocal);
  doc.setSubject(`${wording.contractNumber} ${input.contract.contractNumber} ${numberLabel} ${wording.editionLabel(input.edition)}`);
  doc.setKeywords([input.contract.contractNumber, input.orderer.nameLocal, input.contractor.nameLocal]);
  doc.setCreator("PWP e-contract");
  doc.setProducer(CONTRACT_DOCUMENT_PDF_PRODUCER);
  doc.setLanguage(language === "ko" ? "ko-KR" : "ja-JP");
  // pdf-lib stamps both dates with the clock when the document is created: the time it was sent instead.
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  return doc.save({ useObjectStreams: false });
}
