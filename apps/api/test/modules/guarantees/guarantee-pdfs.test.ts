// The guarantee's PDFs: the certificate (保証証書 / 보증서) in each language and kind, the fee statement and the
// authentication key notice. Pages are checked by rendering them with poppler (a font with blank glyphs still
// extracts as the right text), by text extraction for the wording, and by qpdf for the file structure. The key
// notice's QR code is read back from the rendered page and decoded here, independently of the encoder.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GUARANTEE_KINDS, type GuaranteeKind } from "@pwp/shared/contracts";
import { AUTH_KEY_ALPHABET, AUTH_KEY_LENGTH, formatAuthKey, normalizeAuthKey, type GuaranteeCertificateDocument } from "@pwp/shared/guarantees";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preloadCjkFonts } from "../../../src/lib/pdf/cjk-fonts.ts";
import { A4_SIZE } from "../../../src/lib/pdf/layout.ts";
import { QR_QUIET_ZONE_MODULES } from "../../../src/lib/pdf/qr-code.ts";
import {
  formatRateBasisPoints,
  KEY_NOTICE_QR,
  renderFeeStatementPdf,
  renderGuaranteeCertificatePdf,
  renderKeyNoticePdf,
  type FeeStatementInput,
  type KeyNoticeInput,
} from "../../../src/modules/guarantees/guarantee-pdfs.ts";

let workDir: string;
beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "pwp-guarantee-pdf-"));
  await preloadCjkFonts();
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fileCounter = 0;
function writePdf(bytes: Uint8Array): string {
  const file = path.join(workDir, `document-${++fileCounter}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** pdftotext with whitespace collapsed: line breaks fall wherever the layout wrapped. */
function extractText(file: string): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}
const withoutSpaces = (text: string) => text.replace(/\s/g, "");

function pageCountOf(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
}

function expectQpdfCheckToPass(file: string): void {
  // qpdf exits non-zero on errors (2) and warnings (3).
  expect(execFileSync("qpdf", ["--check", file], { encoding: "utf8" })).toContain("No syntax or stream encoding errors found");
}

/** Signed as an incremental update: a classic cross-reference table, no object or cross-reference streams. */
function expectClassicXref(bytes: Uint8Array): void {
  const text = Buffer.from(bytes).toString("latin1");
  expect(text).toMatch(/\nxref\n0 \d+\n/);
  expect(text).not.toContain("/ObjStm");
  expect(text).not.toContain("/XRef");
}

type Raster = { width: number; height: number; dpi: number; pixels: Uint8Array };

/** One page rendered by poppler in grey (PGM, 0 = black). */
function rasterize(file: string, page: number, dpi: number): Raster {
  const prefix = path.join(workDir, `raster-${++fileCounter}`);
  execFileSync("pdftoppm", ["-r", String(dpi), "-gray", "-f", String(page), "-l", String(page), "-singlefile", file, prefix]);
  const data = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 50).toString("latin1"))!;
  return { width: Number(header[1]), height: Number(header[2]), dpi, pixels: data.subarray(header[0].length) };
}

/** Text at 40 dpi is mostly anti-aliased grey: count anything clearly not white. */
const inkedPixels = (raster: Raster) => raster.pixels.reduce((count, value) => count + (value < 200 ? 1 : 0), 0);

function expectEveryPageInked(file: string): void {
  for (let page = 1; page <= pageCountOf(file); page++) {
    // A page of a few tables and paragraphs makes 8,000–20,000 inked pixels at 40 dpi; the header, rules and footer
    // alone a few hundred.
    expect(inkedPixels(rasterize(file, page, 40))).toBeGreaterThan(2500);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// ---- fixtures ----------------------------------------------------------------------------------------------------

const JAPANESE_CERTIFICATE: GuaranteeCertificateDocument = {
  type: "pwp.guarantee.certificate.v1",
  guaranteeNumber: "12345-678901",
  versionNumber: 1,
  versionKind: "ISSUE",
  kind: "ADVANCE_PAYMENT",
  language: "ja",
  contractor: { name: "むつ建設株式会社", registrationNumber: "7000012050002", representativeName: "佐藤一郎", address: "青森県むつ市中央一丁目8番1号" },
  jvMembers: [],
  orderer: { name: "むつ市", registrationNumber: null, representativeName: "山本花子", address: "青森県むつ市中央一丁目8番1号" },
  worksTitle: "むつ市立第一中学校屋内運動場改築工事",
  currency: "JPY",
  contractAmount: 123_450_000,
  contractDate: "2026-11-22",
  worksStartDate: "2026-12-01",
  worksEndDate: "2027-03-31",
  guaranteeAmount: 49_380_000,
  guaranteeStartDate: "2026-11-22",
  guaranteeEndDate: "2027-04-30",
  depositBank: { bankName: "青森銀行", branchName: "むつ支店" },
  surety: { name: "東日本建設業保証株式会社", registrationNumber: null, representativeName: "原田保夫", address: "東京都中央区八丁堀2丁目27番10号" },
  issuedOn: "2026-11-25",
  reason: "",
};

const KOREAN_CERTIFICATE: GuaranteeCertificateDocument = {
  ...JAPANESE_CERTIFICATE,
  language: "ko",
  kind: "CONTRACT_PERFORMANCE",
  currency: "KRW",
  contractor: { name: "대한건설 주식회사", registrationNumber: "2208162517", representativeName: "박민수", address: "경기도 성남시 분당구 판교역로 235" },
  orderer: { name: "서울특별시 도로관리사업소", registrationNumber: "1248100998", representativeName: "김철수", address: "서울특별시 중구 세종대로 110" },
  worksTitle: "서울시 강남구 도로 포장 보수공사",
  contractAmount: 1_234_500_000,
  guaranteeAmount: 123_450_000,
  depositBank: null,
  surety: { name: "건설공제조합", registrationNumber: null, representativeName: "홍길동", address: "서울특별시 동작구 보라매로5길 15" },
};

const certificateOf = (language: "ko" | "ja", kind: GuaranteeKind, changes: Partial<GuaranteeCertificateDocument> = {}): GuaranteeCertificateDocument => {
  const base = language === "ja" ? JAPANESE_CERTIFICATE : KOREAN_CERTIFICATE;
  const hasDepositBank = kind === "ADVANCE_PAYMENT" || kind === "INTERIM_ADVANCE_PAYMENT";
  const depositBank = hasDepositBank ? (language === "ja" ? { bankName: "青森銀行", branchName: "むつ支店" } : { bankName: "국민은행", branchName: "판교역지점" }) : null;
  return { ...base, kind, depositBank, ...changes };
};

const FEE_STATEMENT: FeeStatementInput = {
  language: "ja",
  guaranteeNumber: "12345-678901",
  kind: "ADVANCE_PAYMENT",
  contractorName: "むつ建設株式会社",
  suretyName: "東日本建設業保証株式会社",
  worksTitle: "むつ市立第一中学校屋内運動場改築工事",
  currency: "JPY",
  baseAmount: 49_380_000,
  rateBasisPoints: 35,
  feeAmount: 172_830,
  paymentMethod: "LUMP_SUM",
  billedTo: "",
  issuedOn: "2026-11-25",
};

const AUTH_KEY = "Z28YuE4J3BxKpq";
const KEY_NOTICE: KeyNoticeInput = {
  language: "ja",
  worksTitle: "むつ市立第一中学校屋内運動場改築工事",
  contractorName: "むつ建設株式会社",
  kind: "ADVANCE_PAYMENT",
  guaranteeNumber: "12345-678901",
  authKey: AUTH_KEY,
  suretyName: "東日本建設業保証株式会社",
  lookupUrl: "https://pwp.example.org/verify?number=12345-678901",
  issuedOn: "2026-11-25",
};
const KOREAN_KEY_NOTICE: KeyNoticeInput = {
  ...KEY_NOTICE,
  language: "ko",
  worksTitle: "서울시 강남구 도로 포장 보수공사",
  contractorName: "대한건설 주식회사",
  kind: "CONTRACT_PERFORMANCE",
  suretyName: "건설공제조합",
};

// ---- the certificate -----------------------------------------------------------------------------------------------

describe("guarantee certificate PDF", () => {
  const titles = {
    ja: { ADVANCE_PAYMENT: "前払金保証証書", INTERIM_ADVANCE_PAYMENT: "中間前払金保証証書", CONTRACT_PERFORMANCE: "契約保証証書", DEFECT_REPAIR: "瑕疵担保保証証書" },
    ko: { ADVANCE_PAYMENT: "선급금보증서", INTERIM_ADVANCE_PAYMENT: "중간선급금보증서", CONTRACT_PERFORMANCE: "계약보증서", DEFECT_REPAIR: "하자보수보증서" },
  } as const;
  const terms = {
    ja: { ADVANCE_PAYMENT: "前払金保証約款", INTERIM_ADVANCE_PAYMENT: "前払金保証約款", CONTRACT_PERFORMANCE: "契約保証約款", DEFECT_REPAIR: "瑕疵担保保証約款" },
    ko: { ADVANCE_PAYMENT: "선급금보증약관", INTERIM_ADVANCE_PAYMENT: "선급금보증약관", CONTRACT_PERFORMANCE: "계약보증약관", DEFECT_REPAIR: "하자보수보증약관" },
  } as const;
  const cases = (["ja", "ko"] as const).flatMap((language) => GUARANTEE_KINDS.map((kind) => [language, kind] as const));

  it.each(cases)("renders a %s %s certificate with its fields, visible glyphs and a valid structure", async (language, kind) => {
    const bytes = await renderGuaranteeCertificatePdf(certificateOf(language, kind));
    const file = writePdf(bytes);
    expectQpdfCheckToPass(file);
    expectClassicXref(bytes);
    expectEveryPageInked(file);
    const text = extractText(file);
    expect(text).toContain(titles[language][kind]);
    expect(text).toContain("12345-678901");
    const expected =
      language === "ja"
        ? [
            "むつ市 殿",
            "保証契約者（受注者）",
            "むつ建設株式会社",
            "代表者 佐藤一郎",
            "むつ市立第一中学校屋内運動場改築工事",
            "請負代金額 123,450,000円",
            "工期 2026年12月1日 から 2027年3月31日 まで",
            "契約日 2026年11月22日",
            "保証期間 2026年11月22日 から 2027年4月30日 まで",
            `当社は、${terms.ja[kind]}に基づき上記のとおり保証契約を締結し、その責に任じます。`,
            "保証事業会社 東日本建設業保証株式会社",
            "代表者 原田保夫",
            "（電子署名）",
            "本証書は電磁的記録により作成した電子証書であり",
            "電子保証証書の確認",
          ]
        : [
            "채권자(발주자) 서울특별시 도로관리사업소",
            "채무자(계약상대자) 대한건설 주식회사",
            "대표자 박민수",
            "공사명 서울시 강남구 도로 포장 보수공사",
            "계약금액 1,234,500,000원",
            "공사기간 2026년 12월 1일부터 2027년 3월 31일까지",
            "계약일 2026년 11월 22일",
            "보증기간 2026년 11월 22일부터 2027년 4월 30일까지",
            `보증기관은 ${terms.ko[kind]}에 따라 위와 같이 보증합니다.`,
            "발행일 2026년 11월 25일",
            "보증기관 건설공제조합",
            "유의사항",
            "전자보증서 진위 확인",
          ];
    for (const part of expected) expect(text).toContain(part);
    // The deposit bank is an advance payment's: printed for those, absent from the others.
    const depositLine = language === "ja" ? "預託金融機関 青森銀行 むつ支店" : "예치금융기관 국민은행 판교역지점";
    if (kind === "ADVANCE_PAYMENT" || kind === "INTERIM_ADVANCE_PAYMENT") expect(text).toContain(depositLine);
    else expect(text).not.toContain(depositLine.split(" ")[0]);
    // A first issue carries no version banner.
    expect(text).not.toMatch(language === "ja" ? /第1版（/ : /제1차 \(/);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toContain("PWP guarantee renderer");
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
  });

  it("writes the guarantee amount in words and figures", async () => {
    const ja = extractText(writePdf(await renderGuaranteeCertificatePdf(certificateOf("ja", "ADVANCE_PAYMENT"))));
    expect(ja).toContain("保証金額 金四千九百参拾八万円也（¥49,380,000）");
    const ko = extractText(writePdf(await renderGuaranteeCertificatePdf(certificateOf("ko", "CONTRACT_PERFORMANCE"))));
    expect(ko).toContain("보증금액 금 일억이천삼백사십오만원정(₩123,450,000)");
    // The formal 壱/일 before every unit, and myriads with empty groups.
    const bigJa = extractText(writePdf(await renderGuaranteeCertificatePdf(certificateOf("ja", "CONTRACT_PERFORMANCE", { guaranteeAmount: 1_010_000_005 }))));
    expect(bigJa).toContain("金壱拾億壱千万五円也（¥1,010,000,005）");
    const bigKo = extractText(writePdf(await renderGuaranteeCertificatePdf(certificateOf("ko", "DEFECT_REPAIR", { guaranteeAmount: 1_010_000_005 }))));
    expect(bigKo).toContain("금 일십억일천만오원정(₩1,010,000,005)");
  });

  it.each([
    ["ja", "第2版（変更）", "変更理由：工期の延長に伴う保証期間の変更", "前払金保証証書 · 第2版（変更）"],
    ["ko", "제2차 (변경)", "변경 사유: 공사기간 연장에 따른 보증기간 변경", "계약보증서 · 제2차 (변경)"],
  ] as const)("shows a %s change's banner with its version number and reason", async (language, banner, reasonLine, header) => {
    const reason = language === "ja" ? "工期の延長に伴う保証期間の変更" : "공사기간 연장에 따른 보증기간 변경";
    const kind = language === "ja" ? "ADVANCE_PAYMENT" : "CONTRACT_PERFORMANCE";
    const file = writePdf(await renderGuaranteeCertificatePdf(certificateOf(language, kind, { versionNumber: 2, versionKind: "CHANGE", reason, guaranteeEndDate: "2027-06-30" })));
    expectQpdfCheckToPass(file);
    expectEveryPageInked(file);
    const text = extractText(file);
    expect(text).toContain(banner);
    expect(text).toContain(reasonLine);
    expect(text).toContain(header);
    // The banner stands between the title and the table.
    expect(text.indexOf(banner)).toBeLessThan(text.indexOf(language === "ja" ? "保証契約者" : "채무자"));
    expect(text).toContain(language === "ja" ? "2027年6月30日 まで" : "2027년 6월 30일까지");
  });

  it.each([
    ["ja", ["第3版（取消）", "この保証契約は取り消されました。本証書に記載の保証は効力を有しません。", "取消理由：請負契約の解除", "当社は、上記の保証契約を取り消したことを証します。"]],
    ["ko", ["제3차 (취소)", "이 보증은 취소되었습니다. 이 보증서에 기재된 보증은 효력이 없습니다.", "취소 사유: 도급계약 해지", "보증기관은 위 보증이 취소되었음을 증명합니다."]],
  ] as const)("says plainly that a %s cancelled guarantee is cancelled", async (language, expected) => {
    const reason = language === "ja" ? "請負契約の解除" : "도급계약 해지";
    const file = writePdf(await renderGuaranteeCertificatePdf(certificateOf(language, "CONTRACT_PERFORMANCE", { versionNumber: 3, versionKind: "CANCELLATION", reason })));
    expectQpdfCheckToPass(file);
    const text = extractText(file);
    for (const part of expected) expect(text).toContain(part);
    // No sentence saying the surety stands behind it.
    expect(text).not.toContain(language === "ja" ? "その責に任じます" : "위와 같이 보증합니다");
  });

  it.each([
    ["ja", "CORRECTION", "第2版（訂正）"],
    ["ja", "RELEASE", "第2版（解除）"],
    ["ko", "CORRECTION", "제2차 (정정)"],
    ["ko", "RELEASE", "제2차 (해제)"],
  ] as const)("labels a %s %s version", async (language, versionKind, banner) => {
    const text = extractText(writePdf(await renderGuaranteeCertificatePdf(certificateOf(language, "DEFECT_REPAIR", { versionNumber: 2, versionKind, reason: "x" }))));
    expect(text).toContain(banner);
  });

  it("lists joint-venture members", async () => {
    const members = [
      { name: "青森土木株式会社", registrationNumber: null, representativeName: "鈴木次郎", address: "青森県青森市" },
      { name: "대한건설 주식회사", registrationNumber: null, representativeName: "박민수", address: "" },
    ];
    const text = extractText(writePdf(await renderGuaranteeCertificatePdf(certificateOf("ja", "CONTRACT_PERFORMANCE", { jvMembers: members }))));
    expect(text).toContain("共同企業体の構成員 青森土木株式会社、대한건설 주식회사");
  });
});

// ---- the fee statement ---------------------------------------------------------------------------------------------

describe("fee statement PDF", () => {
  it("writes a rate in basis points as a percentage, without floating point", () => {
    expect(formatRateBasisPoints(35)).toBe("0.35%");
    expect(formatRateBasisPoints(7)).toBe("0.07%");
    expect(formatRateBasisPoints(0)).toBe("0.00%");
    expect(formatRateBasisPoints(1250)).toBe("12.50%");
    expect(formatRateBasisPoints(10_000)).toBe("100.00%");
    // 0.29 × 100 is 28.999999999999996 in floating point; basis points never go through it.
    expect(formatRateBasisPoints(29)).toBe("0.29%");
    expect(() => formatRateBasisPoints(3.5)).toThrow(RangeError);
    expect(() => formatRateBasisPoints(-1)).toThrow(RangeError);
  });

  it.each([
    ["ja", FEE_STATEMENT, ["保証料計算書", "むつ建設株式会社 様", "保証契約番号 12345-678901", "商品（保証区分） 前払金保証", "保証料算定基礎額 49,380,000円", "保証料率 0.35%", "保証料 172,830円", "保証料支払方法 一括納付", "保証料請求先 むつ建設株式会社", "2026年11月25日", "東日本建設業保証株式会社"]],
    [
      "ko",
      { ...FEE_STATEMENT, language: "ko", currency: "KRW", contractorName: "대한건설 주식회사", suretyName: "건설공제조합", kind: "CONTRACT_PERFORMANCE", worksTitle: "서울시 강남구 도로 포장 보수공사", paymentMethod: "INSTALLMENTS", billedTo: "대한건설 주식회사 공무팀", baseAmount: 123_450_000, rateBasisPoints: 1250, feeAmount: 15_431_250 },
      ["보증수수료 계산서", "대한건설 주식회사 귀하", "보증번호 12345-678901", "보증종류 계약보증", "산출 기준금액 123,450,000원", "보증요율 12.50%", "보증수수료 15,431,250원", "납부방법 분할납", "청구처 대한건설 주식회사 공무팀", "발행일 2026년 11월 25일", "건설공제조합"],
    ],
  ] as const)("renders the %s statement with base, rate, fee and payment method", async (_language, input, expected) => {
    const bytes = await renderFeeStatementPdf(input);
    const file = writePdf(bytes);
    expectQpdfCheckToPass(file);
    expectClassicXref(bytes);
    expectEveryPageInked(file);
    const text = extractText(file);
    for (const part of expected) expect(text).toContain(part);
  });
});

// ---- the key notice: its QR code read back from the page ---------------------------------------------------------

/** Alignment pattern centres by version (ISO/IEC 18004 Annex E), as far as a lookup URL needs. */
const ALIGNMENT_CENTRES: Record<number, number[]> = {
  1: [],
  2: [6, 18],
  3: [6, 22],
  4: [6, 26],
  5: [6, 30],
  6: [6, 34],
  7: [6, 22, 38],
  8: [6, 24, 42],
  9: [6, 26, 46],
  10: [6, 28, 50],
};
/** Error correction level M: blocks and error correction codewords per block, by version. */
const LEVEL_M_BLOCKS: Record<number, { blocks: number; ecPerBlock: number }> = {
  1: { blocks: 1, ecPerBlock: 10 },
  2: { blocks: 1, ecPerBlock: 16 },
  3: { blocks: 1, ecPerBlock: 26 },
  4: { blocks: 2, ecPerBlock: 18 },
  5: { blocks: 2, ecPerBlock: 24 },
  6: { blocks: 4, ecPerBlock: 16 },
  7: { blocks: 4, ecPerBlock: 18 },
  8: { blocks: 4, ecPerBlock: 22 },
  9: { blocks: 5, ecPerBlock: 22 },
  10: { blocks: 5, ecPerBlock: 26 },
};
const MASKS: ((row: number, column: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];
const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/**
 * A small QR decoder for what the notice encodes (versions 1–10, numeric, alphanumeric and byte segments): reads the
 * format information, unmasks the data modules, de-interleaves the data codewords and parses the segments. No error
 * correction: the grid is read from a clean vector rendering, and the test compares it module by module too.
 */
function decodeQrGrid(grid: boolean[][]): { text: string; errorCorrection: string; mask: number } {
  const size = grid.length;
  const version = (size - 17) / 4;
  if (!Number.isInteger(version) || !ALIGNMENT_CENTRES[version]) throw new Error(`Unsupported symbol size ${size}`);

  // Format information: the copy beside the top-left finder (column 8) and the split copy (row 8) must agree.
  let vertical = 0;
  let horizontal = 0;
  for (let bit = 0; bit < 15; bit++) {
    const row = bit < 6 ? bit : bit < 8 ? bit + 1 : size - 15 + bit;
    const column = bit < 8 ? size - bit - 1 : bit < 9 ? 15 - bit : 15 - bit - 1;
    if (grid[row]![8]) vertical |= 1 << bit;
    if (grid[8]![column]) horizontal |= 1 << bit;
  }
  if (vertical !== horizontal) throw new Error("The two copies of the format information differ");
  const format = (vertical ^ 0x5412) >> 10;
  const errorCorrection = (["M", "L", "H", "Q"] as const)[format >> 3]!;
  const mask = format & 7;

  const centres = ALIGNMENT_CENTRES[version]!;
  const isFunction = (row: number, column: number) => {
    if ((row < 9 && column < 9) || (row < 9 && column >= size - 8) || (row >= size - 8 && column < 9)) return true;
    if (row === 6 || column === 6) return true;
    if (version >= 7 && ((row < 6 && column >= size - 11 && column < size - 8) || (column < 6 && row >= size - 11 && row < size - 8))) return true;
    for (const alignRow of centres) {
      for (const alignColumn of centres) {
        const overlapsFinder = (alignRow === 6 && alignColumn === 6) || (alignRow === 6 && alignColumn === centres.at(-1)) || (alignRow === centres.at(-1) && alignColumn === 6);
        if (!overlapsFinder && Math.abs(row - alignRow) <= 2 && Math.abs(column - alignColumn) <= 2) return true;
      }
    }
    return false;
  };

  // Data modules in placement order: two-column strips from the right, upwards then downwards, skipping column 6.
  const bits: number[] = [];
  let upwards = true;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right === 6) right--;
    for (let step = 0; step < size; step++) {
      const row = upwards ? size - 1 - step : step;
      for (const column of [right, right - 1]) {
        if (!isFunction(row, column)) bits.push(Number(grid[row]![column]) ^ Number(MASKS[mask]!(row, column)));
      }
    }
    upwards = !upwards;
  }
  const codewords: number[] = [];
  for (let index = 0; index + 8 <= bits.length; index += 8) codewords.push(bits.slice(index, index + 8).reduce((byte, bit) => (byte << 1) | bit, 0));

  // Data codewords are interleaved across blocks; the shorter blocks come first.
  const { blocks, ecPerBlock } = LEVEL_M_BLOCKS[version]!;
  const dataTotal = codewords.length - blocks * ecPerBlock;
  const shortLength = Math.floor(dataTotal / blocks);
  const longBlocks = dataTotal % blocks;
  const blockLengths = Array.from({ length: blocks }, (_, block) => shortLength + (block >= blocks - longBlocks ? 1 : 0));
  const blockData: number[][] = blockLengths.map(() => []);
  let next = 0;
  for (let index = 0; index < shortLength + 1; index++) {
    blockLengths.forEach((length, block) => {
      if (index < length) blockData[block]!.push(codewords[next++]!);
    });
  }
  const dataBits = blockData.flat().flatMap((byte) => Array.from({ length: 8 }, (_, bit) => (byte >> (7 - bit)) & 1));

  let position = 0;
  const read = (count: number) => {
    let value = 0;
    for (let index = 0; index < count; index++) value = (value << 1) | dataBits[position++]!;
    return value;
  };
  const large = version >= 10;
  let text = "";
  while (position + 4 <= dataBits.length) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 0b0001) {
      let count = read(large ? 12 : 10);
      for (; count >= 3; count -= 3) text += String(read(10)).padStart(3, "0");
      if (count === 2) text += String(read(7)).padStart(2, "0");
      if (count === 1) text += String(read(4));
    } else if (mode === 0b0010) {
      let count = read(large ? 11 : 9);
      for (; count >= 2; count -= 2) {
        const pair = read(11);
        text += ALPHANUMERIC[Math.floor(pair / 45)]! + ALPHANUMERIC[pair % 45]!;
      }
      if (count === 1) text += ALPHANUMERIC[read(6)]!;
    } else if (mode === 0b0100) {
      const count = read(large ? 16 : 8);
      text += new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from({ length: count }, () => read(8)));
    } else {
      throw new Error(`Unexpected segment mode ${mode.toString(2)}`);
    }
  }
  return { text, errorCorrection, mask };
}

/** Reads the module grid of the notice's QR code from its last page: one sample at each module's centre. */
function readQrFromPage(file: string, modulesPerSide: number): { grid: boolean[][]; quietZoneIsClear: boolean } {
  const raster = rasterize(file, pageCountOf(file), 300);
  const scale = raster.dpi / 72;
  const moduleSize = KEY_NOTICE_QR.size / modulesPerSide;
  const top = KEY_NOTICE_QR.y + KEY_NOTICE_QR.size;
  /** Mean grey of a 3 × 3 patch around a point given in PDF points. */
  const greyAt = (xPoints: number, yPoints: number) => {
    const px = Math.round(xPoints * scale);
    const py = Math.round((A4_SIZE[1] - yPoints) * scale);
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += raster.pixels[(py + dy) * raster.width + px + dx]!;
    return sum / 9;
  };
  const isDarkModule = (row: number, column: number) => greyAt(KEY_NOTICE_QR.x + (column + 0.5) * moduleSize, top - (row + 0.5) * moduleSize) < 128;
  const grid = Array.from({ length: modulesPerSide }, (_, row) => Array.from({ length: modulesPerSide }, (_, column) => isDarkModule(row, column)));
  let quietZoneIsClear = true;
  for (let row = -QR_QUIET_ZONE_MODULES; row < modulesPerSide + QR_QUIET_ZONE_MODULES; row++) {
    for (let column = -QR_QUIET_ZONE_MODULES; column < modulesPerSide + QR_QUIET_ZONE_MODULES; column++) {
      const inside = row >= 0 && row < modulesPerSide && column >= 0 && column < modulesPerSide;
      if (!inside && isDarkModule(row, column)) quietZoneIsClear = false;
    }
  }
  return { grid, quietZoneIsClear };
}

describe("authentication key notice PDF", () => {
  it("uses keys without look-alike characters, printed 4-4-4-2", () => {
    for (const confusable of "0O1lIo") expect(AUTH_KEY_ALPHABET).not.toContain(confusable);
    expect(AUTH_KEY_ALPHABET).toHaveLength(56);
    expect(AUTH_KEY_LENGTH).toBe(14);
    expect(formatAuthKey(AUTH_KEY)).toBe("Z28Y-uE4J-3BxK-pq");
    expect(normalizeAuthKey(formatAuthKey(AUTH_KEY))).toBe(AUTH_KEY);
  });

  it.each([
    ["ja", KEY_NOTICE, ["電子保証にかかる「認証キー」のお知らせ", "むつ建設株式会社 様", "① 電子契約システムへのアップロード", "② 電子メールに添付して送信", "記", "工事名 むつ市立第一中学校屋内運動場改築工事", "受注者名 むつ建設株式会社", "商品（保証区分） 前払金保証", "保証契約番号 12345-678901", "【発注者様へお願い】", "確認ページの二次元コード", "このコードに認証キーは含まれていません", "東日本建設業保証株式会社"]],
    ["ko", KOREAN_KEY_NOTICE, ["전자보증 인증키 안내", "대한건설 주식회사 귀하", "① 전자계약시스템에 업로드", "② 전자우편(이메일)에 첨부하여 발송", "공사명 서울시 강남구 도로 포장 보수공사", "계약상대자 대한건설 주식회사", "보증종류 계약보증", "보증번호 12345-678901", "【발주기관 담당자께】", "확인 화면 QR 코드", "이 QR 코드에는 인증키가 들어 있지 않으므로", "건설공제조합"]],
  ] as const)("renders the %s notice with the number, the key, the lookup address and the surety", async (_language, input, expected) => {
    const bytes = await renderKeyNoticePdf(input);
    const file = writePdf(bytes);
    expectQpdfCheckToPass(file);
    expect(pageCountOf(file)).toBe(1);
    expectEveryPageInked(file);
    const text = extractText(file);
    // Japanese lines wrap between any two characters: compare without the breaks.
    for (const part of expected) expect(withoutSpaces(text)).toContain(withoutSpaces(part));
    // The key is drawn one character per cell: poppler may put spaces between them.
    expect(withoutSpaces(text)).toContain(withoutSpaces(`${input.language === "ja" ? "認証キー" : "인증키"}${formatAuthKey(AUTH_KEY)}`));
    expect(withoutSpaces(text)).toContain(input.lookupUrl);
    // Nor in the metadata, which indexers read.
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).not.toContain(AUTH_KEY.slice(0, 4));
  });

  it.each([
    ["ja", KEY_NOTICE],
    ["ko", { ...KOREAN_KEY_NOTICE, lookupUrl: "https://guarantees.example.go.kr/verify?number=12345-678901&lang=ko" }],
  ] as const)("draws a %s QR code that decodes to exactly the lookup URL, never the key", async (_language, input) => {
    const file = writePdf(await renderKeyNoticePdf(input));
    const expected = QRCode.create(input.lookupUrl, { errorCorrectionLevel: "M" });
    const side = expected.modules.size;
    const { grid, quietZoneIsClear } = readQrFromPage(file, side);
    expect(quietZoneIsClear).toBe(true);
    // Module by module what the encoder produced for the URL…
    const mismatches = grid.flatMap((row, r) => row.filter((dark, c) => dark !== (expected.modules.get(r, c) === 1))).length;
    expect(mismatches).toBe(0);
    // …and, decoded from the page alone, the URL and nothing else.
    const decoded = decodeQrGrid(grid);
    expect(decoded.errorCorrection).toBe("M");
    expect(decoded.text).toBe(input.lookupUrl);
    expect(decoded.text).not.toContain(AUTH_KEY);
    expect(decoded.text).not.toContain(formatAuthKey(AUTH_KEY));
    expect(decoded.text.toLowerCase()).not.toContain(AUTH_KEY.toLowerCase());
  });

  it("refuses a key that breaks the key rules, and a lookup URL that carries the key", async () => {
    await expect(renderKeyNoticePdf({ ...KEY_NOTICE, authKey: "Z28YuE4J3BxKp0" })).rejects.toThrow(/AUTH_KEY_PATTERN/);
    await expect(renderKeyNoticePdf({ ...KEY_NOTICE, authKey: "Z28Y" })).rejects.toThrow(/AUTH_KEY_PATTERN/);
    await expect(renderKeyNoticePdf({ ...KEY_NOTICE, lookupUrl: `${KEY_NOTICE.lookupUrl}&key=${AUTH_KEY}` })).rejects.toThrow(/must not carry/);
  });

  it("keeps the QR code clear of a long works title", async () => {
    const file = writePdf(await renderKeyNoticePdf({ ...KEY_NOTICE, worksTitle: "国道１号線舗装補修工事（その２）".repeat(12) }));
    const side = QRCode.create(KEY_NOTICE.lookupUrl, { errorCorrectionLevel: "M" }).modules.size;
    const { grid, quietZoneIsClear } = readQrFromPage(file, side);
    expect(quietZoneIsClear).toBe(true);
    expect(decodeQrGrid(grid).text).toBe(KEY_NOTICE.lookupUrl);
  });
});

// ---- time and size -------------------------------------------------------------------------------------------------

describe("render time and size", () => {
  it("renders each document in reasonable time and size", async () => {
    const jobs: [string, () => Promise<Uint8Array>][] = [
      ["certificate ja", () => renderGuaranteeCertificatePdf(certificateOf("ja", "ADVANCE_PAYMENT"))],
      ["certificate ko", () => renderGuaranteeCertificatePdf(certificateOf("ko", "CONTRACT_PERFORMANCE"))],
      ["fee statement ja", () => renderFeeStatementPdf(FEE_STATEMENT)],
      ["fee statement ko", () => renderFeeStatementPdf({ ...FEE_STATEMENT, language: "ko", currency: "KRW", contractorName: "대한건설 주식회사", suretyName: "건설공제조합" })],
      ["key notice ja", () => renderKeyNoticePdf(KEY_NOTICE)],
      ["key notice ko", () => renderKeyNoticePdf(KOREAN_KEY_NOTICE)],
    ];
    for (const [name, render] of jobs) {
      await render();
      const times: number[] = [];
      let size = 0;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        size = (await render()).length;
        times.push(performance.now() - started);
      }
      console.info(`${name}: median ${median(times).toFixed(1)} ms of 5, ${(size / 1024).toFixed(1)} kB`);
      // Generous bounds: the machine is shared; the numbers above are what to compare.
      expect(median(times)).toBeLessThan(3000);
      expect(size).toBeLessThan(256 * 1024);
    }
  });
});
