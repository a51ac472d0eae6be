// The PDFs of the documents that follow a contract (change, unit prices, inspection, invoice), in Korean and
// Japanese: what they say, that the same input gives the same bytes (the SHA-256 the parties compare), and that a
// long unit-price table runs over pages with its header repeated and its total at the end.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ChangeContent, ContractDocumentKind, InspectionContent, InvoiceContent, UnitPriceRow, UnitPricesContent } from "@pwp/shared/contract-documents";
import type { ContractParty } from "@pwp/shared/contracts";
import { PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preloadCjkFonts } from "../../../src/lib/pdf/cjk-fonts.ts";
import { renderContractDocumentPdf, type ContractDocumentPdfInput } from "../../../src/modules/contract-documents/document-pdf.ts";

let workDir: string;
beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "pwp-document-pdf-"));
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

function pdfInfo(file: string): string {
  return execFileSync("pdfinfo", ["-isodates", file], { encoding: "utf8" });
}

function pageCountOf(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(pdfInfo(file))![1]);
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
const JAPANESE_CONTRACTOR: ContractParty = {
  id: "00000000-0000-4000-8000-000000000004",
  country: "JP",
  registrationNumber: "1010001000006",
  nameLocal: "関東建設株式会社",
  nameLatin: "Kanto Kensetsu Co., Ltd.",
  representativeName: "佐藤花子",
  address: "東京都千代田区霞が関1-1",
};

type Country = ContractDocumentPdfInput["country"];

/** 2026-11-22 14:03:05 in Seoul and Tokyo. */
const ISSUED_AT = new Date("2026-11-22T05:03:05.000Z");

function baseInput(country: Country): Omit<ContractDocumentPdfInput, "kind" | "content"> {
  return {
    number: 2,
    edition: 1,
    country,
    currency: country === "KR" ? "KRW" : "JPY",
    contract: {
      contractNumber: country === "KR" ? "C-2026-000123" : "R8-KT-0042",
      title: country === "KR" ? "서울시 강남구 도로 포장 보수공사" : "国道１号線舗装補修工事（その２）",
      contractDate: "2026-11-02",
      amount: 123_450_000,
      worksStartDate: "2026-12-01",
      worksEndDate: "2027-11-30",
    },
    orderer: country === "KR" ? KOREAN_ORDERER : JAPANESE_ORDERER,
    contractor: country === "KR" ? KOREAN_CONTRACTOR : JAPANESE_CONTRACTOR,
    issuedAt: ISSUED_AT,
  };
}

const change: ChangeContent = {
  amount: 130_000_000,
  worksStartDate: "2026-12-01",
  worksEndDate: "2027-12-30",
  reason: "설계 변경에 따른 포장 면적 증가 (設計変更による舗装面積の増加)",
  termsNote: "제5조의 지체상금률은 종전과 같다. 第5条の遅延損害金は従前のとおり。",
};

function unitPriceRows(count: number, total: number): UnitPriceRow[] {
  // Rows of 1.5 units whose amounts add up to `total` exactly: the last row takes the remainder.
  const rows: UnitPriceRow[] = Array.from({ length: count - 1 }, (_, index) => ({
    item: `아스팔트 포장 (表層) 구간 ${index + 1}`,
    unit: "m²",
    quantity: "1.5",
    unitPrice: 10_000,
    amount: 15_000,
  }));
  const rest = total - 15_000 * (count - 1);
  rows.push({ item: "일반관리비 및 이윤 (一般管理費等)", unit: "식", quantity: "1", unitPrice: rest, amount: rest });
  return rows;
}

const unitPrices = (count: number): UnitPricesContent => ({ rows: unitPriceRows(count, 123_450_000), note: "부가가치세 포함 / 消費税込み" });

const inspection: InspectionContent = {
  inspectionKind: "PARTIAL",
  requestedDate: "2027-03-02",
  requestNote: "1공구 기성부분 검사 요청 / 第1工区の既済部分",
  result: { inspectedOn: "2027-03-10", outcome: "PASSED", findings: "배수구 덮개 교체 확인 / 側溝蓋の交換を確認", inspectedAmount: 45_600_000 },
};

const invoice: InvoiceContent = { grossAmount: 45_600_000, advanceDeduction: 13_680_000, invoiceDate: "2027-03-15", note: "1회 기성 / 第1回部分払" };

const CONTENT_BY_KIND = { CHANGE: change, UNIT_PRICES: unitPrices(12), INSPECTION: inspection, INVOICE: invoice } as const;

function documentInput(kind: ContractDocumentKind, country: Country): ContractDocumentPdfInput {
  return { ...baseInput(country), kind, content: CONTENT_BY_KIND[kind] };
}

// What each rendering must say, beyond the parties: the kind's title and number, its values, its signature boxes.
const EXPECTED: Record<Country, Record<ContractDocumentKind, string[]>> = {
  KR: {
    CHANGE: [
      "변경계약서",
      "제2회 변경",
      "123,450,000원",
      "130,000,000원",
      "증 6,550,000원",
      "2027년 11월 30일",
      "2027년 12월 30일",
      "30일 늦춤",
      "금 일억삼천만원정(₩130,000,000)",
      "설계 변경에 따른 포장 면적 증가",
      "제5조의 지체상금률은 종전과 같다.",
      "계약상대자(을)",
      "발주자(갑)",
    ],
    UNIT_PRICES: ["단가합의서", "No. 2", "품목", "단가(원)", "금액(원)", "아스팔트 포장 (表層) 구간 1", "1.5", "10,000", "15,000", "합계", "123,450,000", "부가가치세 포함", "계약상대자 (제출)", "발주자 (합의)"],
    INSPECTION: ["검사조서", "No. 2", "기성검사", "2027년 3월 2일", "1공구 기성부분 검사 요청", "2027년 3월 10일", "합격", "배수구 덮개 교체 확인", "금 사천오백육십만원정(₩45,600,000)", "발주자 (검사)"],
    INVOICE: ["청구서", "No. 2", "45,600,000원", "13,680,000원", "금 삼천일백구십이만원정(₩31,920,000)", "2027년 3월 15일", "1회 기성", "계약상대자 (청구)", "발주자 (수령 확인)"],
  },
  JP: {
    CHANGE: [
      "変更契約書",
      "第2回変更",
      "123,450,000円",
      "130,000,000円",
      "増 6,550,000円",
      "2027年12月30日",
      "30日繰下げ",
      "金壱億参千万円也（¥130,000,000）",
      "設計変更による舗装面積の増加",
      "この変更契約に定めのない事項は、原契約の定めるところによる。",
      "受注者",
    ],
    UNIT_PRICES: ["総価契約単価合意書", "No. 2", "品目", "単価（円）", "金額（円）", "1.5", "10,000", "合計", "123,450,000", "消費税込み", "受注者（提出）", "発注者（合意）"],
    INSPECTION: ["検査調書", "既済部分検査", "2027年3月2日", "2027年3月10日", "合格", "側溝蓋の交換を確認", "金四千五百六拾万円也（¥45,600,000）", "発注者（検査）"],
    INVOICE: ["請求書", "45,600,000円", "13,680,000円", "金参千壱百九拾弐万円也（¥31,920,000）", "2027年3月15日", "第1回部分払", "受注者（請求者）", "発注者（受領確認）"],
  },
};

const PARTIES_EXPECTED: Record<Country, string[]> = {
  KR: ["서울특별시 도로관리사업소", "124-81-00998", "김철수", "서울특별시 중구 세종대로 110", "대한건설 주식회사", "220-81-62517", "박민수", "계약번호 C-2026-000123", "서울시 강남구 도로 포장 보수공사", "2026년 11월 22일", "(전자서명)"],
  JP: ["国土交通省 関東地方整備局", "7-0000-1205-0002", "山田太郎", "関東建設株式会社", "佐藤花子", "契約番号 R8-KT-0042", "国道１号線舗装補修工事（その２）", "2026年11月22日", "（電子署名）"],
};

// ---- tests -------------------------------------------------------------------------------------------------------

describe("contract document PDF", () => {
  const cases = (["KR", "JP"] as const).flatMap((country) => (["CHANGE", "UNIT_PRICES", "INSPECTION", "INVOICE"] as const).map((kind) => [kind, country] as const));

  it.each(cases)("renders a %s document for a %s orderer with its values, the parties and the signature boxes", async (kind, country) => {
    const bytes = await renderContractDocumentPdf(documentInput(kind, country));
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(loaded.getPageCount()).toBeGreaterThanOrEqual(1);
    // Incremental signatures need a classic cross-reference table.
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/\nxref\n/);

    const file = writePdf(bytes);
    const text = extractText(file);
    for (const expected of [...EXPECTED[country][kind], ...PARTIES_EXPECTED[country]]) expect(text).toContain(expected);
    // The signature boxes end the document, on the last page, where the signature widgets go.
    const lastPage = extractText(file, pageCountOf(file));
    expect(lastPage).toContain(country === "KR" ? "(전자서명)" : "（電子署名）");

    const info = pdfInfo(file);
    expect(info).toContain("PWP contract document renderer");
    expect(info).toMatch(/CreationDate:\s+2026-11-22T05:03:05/);
    expect(loaded.getTitle()).toContain(EXPECTED[country][kind][0]);
    expect(loaded.getCreationDate()?.toISOString()).toBe(ISSUED_AT.toISOString());
    expect(loaded.catalog.get(PDFName.of("Lang"))?.toString()).toBe(country === "KR" ? "(ko-KR)" : "(ja-JP)");
  });

  it("puts the signature boxes in signing order: the contractor's first on a change", async () => {
    const text = extractText(writePdf(await renderContractDocumentPdf(documentInput("CHANGE", "KR"))));
    const closing = text.slice(text.indexOf("전자서명한다."));
    expect(closing.indexOf("계약상대자(을)")).toBeLessThan(closing.indexOf("발주자(갑)"));
    const inspectionText = extractText(writePdf(await renderContractDocumentPdf(documentInput("INSPECTION", "JP"))));
    expect(inspectionText).not.toContain("受注者（");
  });

  it("renders the same bytes from the same input", async () => {
    for (const kind of ["CHANGE", "UNIT_PRICES"] as const) {
      const first = await renderContractDocumentPdf(documentInput(kind, "KR"));
      const second = await renderContractDocumentPdf(documentInput(kind, "KR"));
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    }
    const later = await renderContractDocumentPdf({ ...documentInput("CHANGE", "KR"), issuedAt: new Date("2026-11-23T00:00:00.000Z") });
    expect(Buffer.from(later).equals(Buffer.from(await renderContractDocumentPdf(documentInput("CHANGE", "KR"))))).toBe(false);
  });

  it("refuses an inspection without its result", async () => {
    const { result: _result, ...request } = inspection;
    await expect(renderContractDocumentPdf({ ...baseInput("KR"), kind: "INSPECTION", content: request })).rejects.toThrow(/result/);
  });

  it.each(["KR", "JP"] as const)("runs a 500-row unit-price table over pages with its header on each and the total on the last (%s)", async (country) => {
    const file = writePdf(await renderContractDocumentPdf({ ...baseInput(country), kind: "UNIT_PRICES", content: unitPrices(500) }));
    const pageCount = pageCountOf(file);
    expect(pageCount).toBeGreaterThanOrEqual(10);
    const [itemHeader, totalLabel] = country === "KR" ? ["품목", "합계"] : ["品目", "合計"];
    const pages = Array.from({ length: pageCount }, (_, index) => extractText(file, index + 1));
    const tablePages = pages.filter((text) => text.includes("구간"));
    expect(tablePages.length).toBeGreaterThanOrEqual(pageCount - 2);
    for (const text of tablePages) expect(text).toContain(itemHeader);
    // The total closes the table on its last page, after the last row, and nowhere before.
    const totalPages = pages.flatMap((text, index) => (text.includes(`${totalLabel} 123,450,000`) ? [index] : []));
    expect(totalPages).toHaveLength(1);
    expect(pages[totalPages[0]!]).toContain("일반관리비 및 이윤");
    expect(totalPages[0]).toBeGreaterThanOrEqual(pages.lastIndexOf(tablePages.at(-1)!));
    // Every row is there, once.
    const all = pages.join(" ");
    for (const row of [1, 250, 499]) expect(all.split(`구간 ${row} `).length - 1).toBe(1);
    expect(all).toContain("일반관리비 및 이윤");
  });

  it("renders a typical document well under a second", async () => {
    for (const kind of ["CHANGE", "UNIT_PRICES", "INVOICE"] as const) {
      const input = documentInput(kind, "KR");
      await renderContractDocumentPdf(input);
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        await renderContractDocumentPdf(input);
        times.push(performance.now() - started);
      }
      console.info(`${kind} document PDF: median ${median(times).toFixed(1)} ms`);
      expect(median(times)).toBeLessThan(500);
    }
  });
});
