// The documents the server renders with pdf-lib: the contract (Korean and Japanese) and the signature report.
// Fonts are checked by rendering pages with poppler and counting pixels, never by text extraction alone: a font
// whose glyphs are blank still extracts as the right text (the pdf-lib subsetting bug in the probe notes).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { ContractParty, TermsSection } from "@pwp/shared/contracts";
import type { PdfVerificationReport } from "@pwp/shared/pdf-verification";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/app-error.ts";
import { embedCjkFonts, preloadCjkFonts } from "../../../src/lib/pdf/cjk-fonts.ts";
import { pageNumberLabel, tokenizeForWrapping, wrapText } from "../../../src/lib/pdf/layout.ts";
import { renderContractPdf, type ContractPdfInput } from "../../../src/modules/contracts/contract-pdf.ts";
import { renderSignatureReportPdf } from "../../../src/modules/contracts/signature-report-pdf.ts";

let workDir: string;
beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "pwp-contract-pdf-"));
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
function extractText(file: string, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  return execFileSync("pdftotext", ["-enc", "UTF-8", ...range, file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

function pageCountOf(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
}

function expectQpdfCheckToPass(file: string): void {
  // qpdf exits non-zero on errors (2) and warnings (3).
  const output = execFileSync("qpdf", ["--check", file], { encoding: "utf8" });
  expect(output).toContain("No syntax or stream encoding errors found");
}

type Raster = { width: number; height: number; pixels: Uint8Array };

/** One page rendered by poppler in grey (PGM, 0 = black). */
function rasterize(file: string, page: number, dpi: number): Raster {
  const prefix = path.join(workDir, `raster-${++fileCounter}`);
  execFileSync("pdftoppm", ["-r", String(dpi), "-gray", "-f", String(page), "-l", String(page), "-singlefile", file, prefix]);
  const data = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 50).toString("latin1"))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

/** Pixels darker than `below` (0 black – 255 white). */
const darkPixels = (raster: Raster, below = 128) => raster.pixels.reduce((count, value) => count + (value < below ? 1 : 0), 0);
/** Text at 40 dpi is mostly anti-aliased grey: count anything clearly not white. */
const inkedPixels = (raster: Raster) => darkPixels(raster, 200);

/** The rightmost column with a dark pixel, or -1. */
function rightmostInk(raster: Raster): number {
  for (let x = raster.width - 1; x >= 0; x--) {
    for (let y = 0; y < raster.height; y++) if (raster.pixels[y * raster.width + x]! < 128) return x;
  }
  return -1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// ---- fixtures ----------------------------------------------------------------------------------------------------

const KOREAN_ORDERER: ContractParty = {
  id: "00000000-0000-4000-8000-000000000001",
  country: "KR",
  registrationNumber: "1248100998",
  nameLocal: "서울특별시 도로관리사업소",
  nameLatin: "Seoul Road Management Office",
  representativeName: "김철수",
  address: "서울특별시 중구 세종대로 110",
};
const KOREAN_CONTRACTOR: ContractParty = {
  id: "00000000-0000-4000-8000-000000000002",
  country: "KR",
  registrationNumber: "2208162517",
  nameLocal: "대한건설 주식회사",
  nameLatin: "Daehan Construction Co., Ltd.",
  representativeName: "박민수",
  address: "경기도 성남시 분당구 판교역로 235",
};
const JAPANESE_ORDERER: ContractParty = {
  id: "00000000-0000-4000-8000-000000000003",
  country: "JP",
  registrationNumber: "7000012050002",
  nameLocal: "国土交通省 関東地方整備局",
  nameLatin: "Kanto Regional Development Bureau",
  representativeName: "山田太郎",
  address: "埼玉県さいたま市中央区新都心2-1",
};
const koreanTerms: TermsSection[] = Array.from({ length: 14 }, (_, index) => ({
  heading: ["목적", "계약보증금", "공사기간", "대가의 지급", "하자담보"][index % 5]!,
  body:
    "을은 이 계약서, 설계서, 시방서 및 관계 법령에 따라 성실히 공사를 시공하여야 하며, 갑은 그 대가를 지급한다. ".repeat(5) +
    "\n② 하자담보책임기간은 준공일부터 2년으로 한다.",
}));
const japaneseTerms: TermsSection[] = Array.from({ length: 14 }, (_, index) => ({
  heading: ["総則", "契約の保証", "工期", "請負代金の支払", "契約不適合責任"][index % 5]!,
  body:
    "受注者は、この契約書及び設計図書（別冊の図面、仕様書、現場説明書及び現場説明に対する質問回答書をいう。）に従い、日本国の法令を遵守し、この契約を履行しなければならない。".repeat(3) +
    "\n２　発注者は、その代金を支払うものとする。",
}));

async function makeAnnex(pageCount: number): Promise<Uint8Array> {
  const annex = await PDFDocument.create();
  const font = await annex.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pageCount; page++) annex.addPage([595, 842]).drawText(`Annex drawing ${page}`, { x: 72, y: 700, size: 28, font });
  return annex.save();
}

function koreanContract(annexPdf: Uint8Array | null): ContractPdfInput {
  return {
    language: "ko",
    contractNumber: "C-2026-000123",
    title: "서울시 강남구 도로 포장 보수공사",
    amount: 123_450_000n,
    currency: "KRW",
    worksStartDate: "2026-12-01",
    worksEndDate: "2027-11-30",
    contractDate: "2026-11-22",
    place: "서울특별시 강남구 테헤란로 일원",
    termsSections: koreanTerms,
    requiredGuarantees: ["CONTRACT_PERFORMANCE", "DEFECT_REPAIR"],
    orderer: KOREAN_ORDERER,
    contractor: KOREAN_CONTRACTOR,
    contacts: [
      { side: "ORDERER", name: "이영희", department: "도로과", phone: "02-120-1234", email: "road@seoul.example" },
      { side: "CONTRACTOR", name: "최준호", department: "공무팀", phone: "031-123-4567", email: "" },
    ],
    annexPdf,
    edition: 2,
  };
}

function japaneseContract(annexPdf: Uint8Array | null): ContractPdfInput {
  return {
    language: "ja",
    contractNumber: "R8-KT-0042",
    title: "国道１号線舗装補修工事（その２）",
    amount: 123_450_000n,
    currency: "JPY",
    worksStartDate: "2026-12-01",
    worksEndDate: "2027-03-31",
    contractDate: "2026-11-22",
    place: "神奈川県横浜市戸塚区地内",
    termsSections: japaneseTerms,
    requiredGuarantees: ["ADVANCE_PAYMENT", "CONTRACT_PERFORMANCE"],
    orderer: JAPANESE_ORDERER,
    // A Korean contractor: its Hangul name must come out in the Korean font inside the Japanese document.
    contractor: { ...KOREAN_CONTRACTOR, id: "00000000-0000-4000-8000-000000000005" },
    contacts: [{ side: "ORDERER", name: "鈴木一郎", department: "工務第一課", phone: "048-601-3151", email: "" }],
    annexPdf,
    edition: 1,
  };
}

// ---- fonts: glyphs really render ----------------------------------------------------------------------------------

/** One line of text at 20 pt on a small page, drawn with our fonts or (control) with pdf-lib's broken subsetting. */
async function lineOfText(text: string, language: "ko" | "ja", how: "ours" | "pdf-lib-subset"): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([600, 60]);
  if (how === "ours") {
    const fonts = await embedCjkFonts(doc, { language, regular: text, bold: "" });
    fonts.draw(page, text, { x: 10, y: 20, size: 20 });
    await fonts.finalize();
  } else {
    doc.registerFontkit(fontkit);
    const ttf = readFileSync(
      createRequire(import.meta.url).resolve(
        language === "ko"
          ? "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf"
          : "@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
      ),
    );
    const font = await doc.embedFont(ttf, { subset: true });
    page.drawText(text, { x: 10, y: 20, size: 20, font });
  }
  return writePdf(await doc.save({ useObjectStreams: false }));
}

describe("CJK fonts", () => {
  // Measured once on this machine at 72 dpi: 2,146 (ko) and 2,258 (ja) dark pixels for these lines drawn correctly;
  // pdf-lib's own subsetting (the bug in the probe notes) leaves most glyphs blank: 592 and 363. The threshold sits
  // between the two.
  const MIN_DARK_PIXELS_OF_A_LINE = 1200;

  it.each([
    ["ko", "공사도급계약서 위 계약을 증명하기 위하여 전자서명한다"],
    ["ja", "工事請負契約書 本契約の証として電子署名を行う"],
  ] as const)("draws visible %s glyphs, where a font with missing glyphs draws nothing", async (language, text) => {
    const ours = darkPixels(rasterize(await lineOfText(text, language, "ours"), 1, 72));
    const broken = darkPixels(rasterize(await lineOfText(text, language, "pdf-lib-subset"), 1, 72));
    console.info(`dark pixels of a ${language} line: ours ${ours}, pdf-lib subset ${broken}`);
    expect(ours).toBeGreaterThan(MIN_DARK_PIXELS_OF_A_LINE);
    expect(broken).toBeLessThan(ours / 2);
  });

  it("draws a space between Korean words as wide as it measured it (no 1 em gaps)", async () => {
    const text = "가 나 다 라 마 바 사 아 자 차 카";
    const doc = await PDFDocument.create();
    const page = doc.addPage([600, 60]);
    const fonts = await embedCjkFonts(doc, { language: "ko", regular: text, bold: "" });
    fonts.draw(page, text, { x: 10, y: 20, size: 20 });
    const measured = fonts.widthOf(text, 20);
    await fonts.finalize();
    // Ten Hangul word spaces of 0.28 em (Noto Sans KR's calt alternate) and eleven syllables of 0.92 em.
    expect(measured).toBeCloseTo(((11 * 920 + 10 * 280) / 1000) * 20, 5);
    const inkEnd = rightmostInk(rasterize(writePdf(await doc.save({ useObjectStreams: false })), 1, 72));
    // The last syllable's ink ends a little before its advance; a wrong space width would be off by 10 × 14 pt.
    expect(inkEnd).toBeGreaterThan(10 + measured - 8);
    expect(inkEnd).toBeLessThanOrEqual(10 + measured + 1);
  });

  it("extracts the same text it drew, Hangul spaces included", async () => {
    const file = await lineOfText("계약 금액 Contract 123", "ko", "ours");
    expect(extractText(file).trim()).toBe("계약 금액 Contract 123");
  });
});

// ---- line breaking -------------------------------------------------------------------------------------------------

describe("line breaking", () => {
  const monospace = (text: string) => [...text].length * 10;

  it("keeps Latin and Korean words whole and lets Japanese break between characters", () => {
    expect(tokenizeForWrapping("계약 금액 contract terms")).toEqual(["계약", " ", "금액", " ", "contract", " ", "terms"]);
    expect(tokenizeForWrapping("工事請負")).toEqual(["工", "事", "請", "負"]);
  });

  it("never starts a line with closing punctuation or ends one with an opening bracket", () => {
    expect(tokenizeForWrapping("締結する。「工事」")).toEqual(["締", "結", "す", "る。", "「工", "事」"]);
  });

  it("wraps at the width and cuts a word longer than a line", () => {
    expect(wrapText("가나 다라 마바사", 50, monospace)).toEqual(["가나 다라", "마바사"]);
    expect(wrapText("abcdefghij", 40, monospace)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrapText("工事請負契約書", 30, monospace)).toEqual(["工事請", "負契約", "書"]);
  });

  it("numbers pages as 「- 1 / 3 -」", () => {
    expect(pageNumberLabel(1, 3)).toBe("- 1 / 3 -");
  });
});

// ---- the contract --------------------------------------------------------------------------------------------------

describe("contract PDF", () => {
  it("renders a Korean contract over several pages with the annex appended last", async () => {
    const file = writePdf(await renderContractPdf(koreanContract(await makeAnnex(2))));
    const pageCount = pageCountOf(file);
    expect(pageCount).toBeGreaterThanOrEqual(5);
    expectQpdfCheckToPass(file);

    const text = extractText(file);
    for (const expected of [
      "공사도급계약서",
      "발주자(갑)",
      "계약상대자(을)",
      "124-81-00998",
      "220-81-62517",
      "금 일억이천삼백사십오만원정(₩123,450,000)",
      "착공 2026년 12월 1일 ~ 준공 2027년 11월 30일",
      "2026년 11월 22일",
      "계약보증금, 하자보수보증금",
      "제1조(목적)",
      "붙임: 별첨 문서 2쪽",
      "위 계약을 증명하기 위하여 계약서를 작성하고 발주자와 계약상대자가 전자서명한다.",
      "이영희 (도로과)",
    ]) {
      expect(text).toContain(expected);
    }
    // Header and footer on every page, the annex's included.
    for (let page = 1; page <= pageCount; page++) {
      const pageText = extractText(file, page);
      expect(pageText).toContain("계약번호 C-2026-000123");
      expect(pageText).toContain("제2차");
      // poppler turns narrow spaces into nothing: compare without them.
      expect(pageText.replace(/\s/g, "")).toContain(`-${page}/${pageCount}-`);
    }
    expect(extractText(file, pageCount - 1)).toContain("Annex drawing 1");
    expect(extractText(file, pageCount)).toContain("Annex drawing 2");

    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toContain("PWP contract renderer");
    expect(info).toMatch(/Title:\s+공사도급계약서 서울시 강남구 도로 포장 보수공사/);
  });

  it("renders a Japanese contract with the amount in daiji and a Korean contractor's name", async () => {
    const file = writePdf(await renderContractPdf(japaneseContract(await makeAnnex(1))));
    const pageCount = pageCountOf(file);
    expect(pageCount).toBeGreaterThanOrEqual(4);
    expectQpdfCheckToPass(file);
    const text = extractText(file);
    for (const expected of [
      "工事請負契約書",
      "第1版",
      "発注者",
      "受注者",
      "7-0000-1205-0002",
      "金壱億弐千参百四拾五万円也（¥123,450,000）",
      "着工 2026年12月1日 から 完成 2027年3月31日 まで",
      "2026年11月22日",
      "前払金保証、契約保証",
      "第1条（総則）",
      "대한건설 주식회사",
      "本契約の証として本書を電磁的記録により作成し、発注者及び受注者が電子署名を行い",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s/g, "")).toContain(`-${pageCount}/${pageCount}-`);
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" });
    expect(fonts).toMatch(/NotoSansJP-Regular/);
    expect(fonts).toMatch(/NotoSansKR-Regular/);
  });

  it.each(["ko", "ja"] as const)("draws every %s page with visible text", async (language) => {
    const input = language === "ko" ? koreanContract(null) : japaneseContract(null);
    const file = writePdf(await renderContractPdf(input));
    for (let page = 1; page <= pageCountOf(file); page++) {
      // Measured: 13,000–22,000 inked pixels on a full A4 page of text at 40 dpi; the header, rules and footer alone
      // make a few hundred.
      expect(inkedPixels(rasterize(file, page, 40))).toBeGreaterThan(2000);
    }
  });

  it("names a joint venture's firms with their roles and shares, and gives each firm a signature box", async () => {
    const firm = (id: string, nameLocal: string, registrationNumber: string): ContractParty => ({
      ...KOREAN_CONTRACTOR,
      id: `00000000-0000-4000-8000-00000000001${id}`,
      nameLocal,
      registrationNumber,
    });
    const lead = firm("1", "대한건설 주식회사", "2208162517");
    const members = [firm("2", "한길토건 주식회사", "1058600027"), firm("3", "서해종합건설 주식회사", "1208100040")];
    const jointVenture = {
      name: "대한·한길·서해 공동수급체",
      members: [
        { organization: lead, position: 0, isLead: true, shareBasisPoints: 5000 },
        { organization: members[0]!, position: 1, isLead: false, shareBasisPoints: 3333 },
        { organization: members[1]!, position: 2, isLead: false, shareBasisPoints: 1667 },
      ],
    };
    const input = { ...koreanContract(null), contractor: lead, jointVenture };
    const pdf = await renderContractPdf(input);
    const text = extractText(writePdf(pdf));
    expect(text).toContain("계약상대자 대한·한길·서해 공동수급체(대표사 대한건설 주식회사)");
    expect(text).toContain("대표사 · 지분율 50%");
    expect(text).toContain("구성원 · 지분율 33.33%");
    expect(text).toContain("구성원 · 지분율 16.67%");
    expect(text).toContain("공동수급체의 구성원 전원이 전자서명한다");
    // One box per firm after the orderer's: the lead's and two members'.
    expect(text.split("계약상대자(을) 공동수급체 대표사").length - 1).toBe(1);
    expect(text.split("계약상대자(을) 공동수급체 구성원").length - 1).toBe(2);
    for (const party of [lead, ...members]) expect(text).toContain(party.nameLocal);

    const japanese = await renderContractPdf({
      ...japaneseContract(null),
      contractor: lead,
      jointVenture: { ...jointVenture, name: "青葉・北星特定建設工事共同企業体" },
    });
    const japaneseText = extractText(writePdf(japanese));
    expect(japaneseText).toContain("代表者・出資比率 50%");
    expect(japaneseText).toContain("構成員・出資比率 33.33%");
    expect(japaneseText).toContain("共同企業体の構成員全員が電子署名");
  });

  it("refuses an annex pdf-lib cannot read, naming the field", async () => {
    const error = await renderContractPdf(koreanContract(new TextEncoder().encode("%PDF-1.7 this is not a PDF"))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION_FAILED");
    expect((error as AppError).fields?.[0]?.field).toBe("annex");
  });

  it("renders in reasonable time and size (targets are in the benchmarks)", async () => {
    const annex = await makeAnnex(2);
    for (const language of ["ko", "ja"] as const) {
      const input = language === "ko" ? koreanContract(annex) : japaneseContract(annex);
      await renderContractPdf(input);
      const times: number[] = [];
      let size = 0;
      for (let run = 0; run < 10; run++) {
        const started = performance.now();
        size = (await renderContractPdf(input)).length;
        times.push(performance.now() - started);
      }
      console.info(`contract PDF (${language}, ${pageCountOf(writePdf(await renderContractPdf(input)))} pages): median ${median(times).toFixed(1)} ms, ${(size / 1024).toFixed(1)} kB`);
      expect(median(times)).toBeLessThan(5000);
      expect(size).toBeLessThan(1024 * 1024);
    }
  });
});

// ---- the signature report ------------------------------------------------------------------------------------------

const report: PdfVerificationReport = {
  sha256: "9f2c4e1a7b3d5f6089a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8",
  size: 187_304,
  verifiedAt: "2026-11-22T05:03:05.000Z",
  signatures: [
    {
      fieldName: "ContractorSignature",
      subFilter: "ETSI.CAdES.detached",
      signer: {
        subjectDn: "CN=박민수, O=대한건설 주식회사, C=KR",
        issuerDn: "CN=PWP Issuing CA, O=PWP, C=KR",
        serialNumberHex: "3a9f00c2d14e7b21",
        fingerprintSha256: "00".repeat(32),
        notBefore: "2026-01-01T00:00:00.000Z",
        notAfter: "2027-01-01T00:00:00.000Z",
      },
      chain: [],
      claimedSigningTime: "2026-11-22T04:00:00.000Z",
      timestamp: { genTime: "2026-11-22T04:00:02.000Z", authority: "CN=PWP Time-Stamping Authority", isValid: true },
      coversWholeDocument: false,
      signedRevisionLength: 120_511,
      isValid: true,
      problems: [],
      platformSigner: { userName: "박민수", organizationName: "대한건설 주식회사" },
    },
    {
      fieldName: "OrdererSignature",
      subFilter: "ETSI.CAdES.detached",
      signer: {
        subjectDn: "CN=山田太郎, O=国土交通省 関東地方整備局, C=JP",
        issuerDn: "CN=PWP Issuing CA, O=PWP, C=KR",
        serialNumberHex: "51ee0a9b3c2d1f08",
        fingerprintSha256: "11".repeat(32),
        notBefore: "2025-01-01T00:00:00.000Z",
        notAfter: "2026-01-01T00:00:00.000Z",
      },
      chain: [],
      claimedSigningTime: null,
      timestamp: null,
      coversWholeDocument: true,
      signedRevisionLength: 187_304,
      isValid: false,
      problems: ["EXPIRED", "DIGEST_MISMATCH"],
      platformSigner: null,
    },
  ],
};

describe("signature report PDF", () => {
  const expectations = {
    ko: ["전자서명 검증 보고서", "검증 일시", "2026-11-22 14:03:05 KST", "서명 2개 중 1개 유효하지 않음", "서명 1: ContractorSignature — 유효", "박민수 (대한건설 주식회사)", "서명 시점에 인증서가 만료되어 있었습니다.", "서명 후 문서 내용이 변경되었습니다.", "앞부분 120,511바이트"],
    ja: ["電子署名検証レポート", "検証日時", "2026-11-22 14:03:05 JST", "署名2件のうち1件が無効", "署名2：OrdererSignature — 無効", "署名時点で証明書の有効期限が切れていました。", "本プラットフォームが発行した証明書ではありません", "山田太郎"],
    en: ["Electronic signature verification report", "2026-11-22 05:03:05 UTC", "1 of 2 signatures are not valid", "Signature 1: ContractorSignature — valid", "The certificate had expired at the signing time.", "The whole document", "CN=PWP Time-Stamping Authority"],
  } as const;

  it.each(["ko", "ja", "en"] as const)("reports every signature in %s, with visible glyphs", async (language) => {
    const file = writePdf(
      await renderSignatureReportPdf({ language, contractNumber: "C-2026-000123", title: "서울시 강남구 도로 포장 보수공사", documentSha256: report.sha256, report }),
    );
    expectQpdfCheckToPass(file);
    const text = extractText(file);
    // The hash is cut across lines where the cell ends.
    expect(text.replace(/\s/g, "")).toContain(report.sha256);
    for (const expected of expectations[language]) expect(text).toContain(expected);
    expect(inkedPixels(rasterize(file, 1, 40))).toBeGreaterThan(2000);
  });

  it("says so when there is no signature", async () => {
    const file = writePdf(
      await renderSignatureReportPdf({ language: "en", contractNumber: "C-1", title: "Road works", documentSha256: "ab".repeat(32), report: { ...report, signatures: [] } }),
    );
    expect(extractText(file)).toContain("This document has no electronic signatures.");
  });

  it("renders in reasonable time and size (targets are in the benchmarks)", async () => {
    for (const language of ["ko", "ja", "en"] as const) {
      const input = { language, contractNumber: "C-2026-000123", title: "서울시 강남구 도로 포장 보수공사", documentSha256: report.sha256, report };
      await renderSignatureReportPdf(input);
      const times: number[] = [];
      let size = 0;
      for (let run = 0; run < 10; run++) {
        const started = performance.now();
        size = (await renderSignatureReportPdf(input)).length;
        times.push(performance.now() - started);
      }
      console.info(`signature report PDF (${language}): median ${median(times).toFixed(1)} ms, ${(size / 1024).toFixed(1)} kB`);
      expect(median(times)).toBeLessThan(5000);
      expect(size).toBeLessThan(1024 * 1024);
    }
  });
});
