// The signature verification report of a contract PDF, as a PDF the user can file with the contract: the document's
// hash, when it was verified, and for each signature who signed, under which certificate, at which time-stamped
// time, and whether it is valid — or why not, in words.
import type { PdfSignatureProblem, PdfSignatureReport, PdfVerificationReport } from "@pwp/shared/pdf-verification";
import { formatAmountNumber } from "@pwp/shared/amounts";
import { PDFDocument } from "pdf-lib";
import { embedCjkFonts } from "../../lib/pdf/cjk-fonts.ts";
import { collectBlockText, MUTED, PAGE_NUMBER_CHARACTERS, PdfLayout, stampPages, type Block } from "../../lib/pdf/layout.ts";

export type SignatureReportLanguage = "ko" | "ja" | "en";

export type SignatureReportPdfInput = {
  language: SignatureReportLanguage;
  contractNumber: string;
  title: string;
  documentSha256: string;
  report: PdfVerificationReport;
};

export const SIGNATURE_REPORT_PDF_PRODUCER = "PWP signature report renderer (pdf-lib 1.17.1)";

type ReportWording = {
  documentTitle: string;
  contractNumber: string;
  contractTitle: string;
  documentHash: string;
  fileSize: string;
  bytes(size: number): string;
  verifiedAt: string;
  summary: string;
  summaryText(valid: number, total: number): string;
  noSignatures: string;
  signatureHeading(index: number, field: string, isValid: boolean): string;
  field: string;
  signer: string;
  issuer: string;
  serial: string;
  certificateValidity: string;
  platformSigner: string;
  platformSignerText(userName: string, organizationName: string): string;
  notOnPlatform: string;
  timestamp: string;
  timestampText(time: string, authority: string, isValid: boolean): string;
  noTimestamp: string;
  claimedTime: string;
  coversWholeDocument: string;
  coversText(covers: boolean, signedLength: number): string;
  result: string;
  valid: string;
  unknown: string;
  problems: Record<PdfSignatureProblem, string>;
  note: string;
  /** Time zone in which times are shown: KST/JST are UTC+9 all year, so no time-zone database is needed. */
  utcOffsetMinutes: number;
  zoneLabel: string;
};

const KOREAN: ReportWording = {
  documentTitle: "전자서명 검증 보고서",
  contractNumber: "계약번호",
  contractTitle: "계약명",
  documentHash: "문서 해시(SHA-256)",
  fileSize: "파일 크기",
  bytes: (size) => `${formatAmountNumber(size)}바이트`,
  verifiedAt: "검증 일시",
  summary: "검증 결과",
  summaryText: (valid, total) => (valid === total ? `서명 ${total}개 모두 유효` : `서명 ${total}개 중 ${total - valid}개 유효하지 않음`),
  noSignatures: "이 문서에는 전자서명이 없습니다.",
  signatureHeading: (index, field, isValid) => `서명 ${index}: ${field} — ${isValid ? "유효" : "유효하지 않음"}`,
  field: "서명 필드",
  signer: "서명자 인증서",
  issuer: "발급자",
  serial: "일련번호",
  certificateValidity: "인증서 유효기간",
  platformSigner: "플랫폼 서명자",
  platformSignerText: (user, organization) => `${user} (${organization})`,
  notOnPlatform: "플랫폼에서 발급한 인증서가 아님",
  timestamp: "타임스탬프",
  timestampText: (time, authority, isValid) => `${time} · ${authority}${isValid ? "" : " (검증 실패)"}`,
  noTimestamp: "없음",
  claimedTime: "서명 프로그램이 기록한 시각",
  coversWholeDocument: "서명 범위",
  coversText: (covers, length) => (covers ? "문서 전체" : `앞부분 ${formatAmountNumber(length)}바이트 (이후 서명이 추가됨)`),
  result: "결과",
  valid: "유효",
  unknown: "알 수 없음",
  problems: {
    MALFORMED: "서명 정보를 읽을 수 없습니다.",
    DIGEST_MISMATCH: "서명 후 문서 내용이 변경되었습니다.",
    BAD_SIGNATURE: "서명 값이 인증서의 키와 맞지 않습니다.",
    UNTRUSTED: "신뢰하는 인증기관으로 연결되지 않는 인증서입니다.",
    EXPIRED: "서명 시점에 인증서가 만료되어 있었습니다.",
    NOT_YET_VALID: "서명 시점에 인증서가 아직 유효하지 않았습니다.",
    REVOKED: "인증서가 폐지되었습니다.",
    WRONG_KEY_USAGE: "전자서명 용도의 인증서가 아닙니다.",
    UNSUPPORTED: "지원하지 않는 서명 형식입니다.",
    SIGNING_CERTIFICATE_MISMATCH: "서명에 기재된 인증서와 실제로 서명한 인증서가 다릅니다.",
    BAD_TIMESTAMP: "타임스탬프를 검증할 수 없습니다.",
    MODIFIED_AFTER_SIGNING: "서명 후에 서명 추가 외의 변경(내용, 쪽, 주석)이 있었습니다.",
  },
  note: "유효성은 각 서명의 타임스탬프 시각(없으면 검증 시각)을 기준으로 판단했습니다.",
  utcOffsetMinutes: 9 * 60,
  zoneLabel: "KST",
};

const JAPANESE: ReportWording = {
  documentTitle: "電子署名検証レポート",
  contractNumber: "契約番号",
  contractTitle: "件名",
  documentHash: "文書ハッシュ（SHA-256）",
  fileSize: "ファイルサイズ",
  bytes: (size) => `${formatAmountNumber(size)}バイト`,
  verifiedAt: "検証日時",
  summary: "検証結果",
  summaryText: (valid, total) => (valid === total ? `署名${total}件すべて有効` : `署名${total}件のうち${total - valid}件が無効`),
  noSignatures: "この文書には電子署名がありません。",
  signatureHeading: (index, field, isValid) => `署名${index}：${field} — ${isValid ? "有効" : "無効"}`,
  field: "署名フィールド",
  signer: "署名者の証明書",
  issuer: "発行者",
  serial: "シリアル番号",
  certificateValidity: "証明書の有効期間",
  platformSigner: "プラットフォーム上の署名者",
  platformSignerText: (user, organization) => `${user}（${organization}）`,
  notOnPlatform: "本プラットフォームが発行した証明書ではありません",
  timestamp: "タイムスタンプ",
  timestampText: (time, authority, isValid) => `${time}・${authority}${isValid ? "" : "（検証失敗）"}`,
  noTimestamp: "なし",
  claimedTime: "署名ソフトウェアが記録した時刻",
  coversWholeDocument: "署名範囲",
  coversText: (covers, length) => (covers ? "文書全体" : `先頭${formatAmountNumber(length)}バイト（その後に署名が追加されています）`),
  result: "結果",
  valid: "有効",
  unknown: "不明",
  problems: {
    MALFORMED: "署名データを読み取れません。",
    DIGEST_MISMATCH: "署名後に文書の内容が変更されています。",
    BAD_SIGNATURE: "署名値が証明書の鍵と一致しません。",
    UNTRUSTED: "信頼する認証局につながらない証明書です。",
    EXPIRED: "署名時点で証明書の有効期限が切れていました。",
    NOT_YET_VALID: "署名時点で証明書はまだ有効ではありませんでした。",
    REVOKED: "証明書は失効しています。",
    WRONG_KEY_USAGE: "電子署名用の証明書ではありません。",
    UNSUPPORTED: "サポートしていない署名形式です。",
    SIGNING_CERTIFICATE_MISMATCH: "署名に記載された証明書と実際に署名した証明書が異なります。",
    BAD_TIMESTAMP: "タイムスタンプを検証できません。",
    MODIFIED_AFTER_SIGNING: "署名後に、署名の追加以外の変更（内容、ページ、注釈）が行われています。",
  },
  note: "有効性は各署名のタイムスタンプの時刻（ない場合は検証時刻）で判断しています。",
  utcOffsetMinutes: 9 * 60,
  zoneLabel: "JST",
};

const ENGLISH: ReportWording = {
  documentTitle: "Electronic signature verification report",
  contractNumber: "Contract number",
  contractTitle: "Title",
  documentHash: "Document hash (SHA-256)",
  fileSize: "File size",
  bytes: (size) => `${formatAmountNumber(size)} bytes`,
  verifiedAt: "Verified at",
  summary: "Result",
  summaryText: (valid, total) => (valid === total ? `All ${total} signatures are valid` : `${total - valid} of ${total} signatures are not valid`),
  noSignatures: "This document has no electronic signatures.",
  signatureHeading: (index, field, isValid) => `Signature ${index}: ${field} — ${isValid ? "valid" : "not valid"}`,
  field: "Signature field",
  signer: "Signer certificate",
  issuer: "Issuer",
  serial: "Serial number",
  certificateValidity: "Certificate validity",
  platformSigner: "Signer on the platform",
  platformSignerText: (user, organization) => `${user} (${organization})`,
  notOnPlatform: "Not a certificate issued by this platform",
  timestamp: "Time-stamp",
  timestampText: (time, authority, isValid) => `${time} · ${authority}${isValid ? "" : " (does not verify)"}`,
  noTimestamp: "None",
  claimedTime: "Time claimed by the signing software",
  coversWholeDocument: "Signed range",
  coversText: (covers, length) => (covers ? "The whole document" : `The first ${formatAmountNumber(length)} bytes (signatures were added after it)`),
  result: "Result",
  valid: "Valid",
  unknown: "Unknown",
  problems: {
    MALFORMED: "The signature data cannot be read.",
    DIGEST_MISMATCH: "The document was changed after it was signed.",
    BAD_SIGNATURE: "The signature value does not match the certificate's key.",
    UNTRUSTED: "The certificate does not chain to a trusted authority.",
    EXPIRED: "The certificate had expired at the signing time.",
    NOT_YET_VALID: "The certificate was not yet valid at the signing time.",
    REVOKED: "The certificate has been revoked.",
    WRONG_KEY_USAGE: "The certificate is not meant for electronic signatures.",
    UNSUPPORTED: "The signature format is not supported.",
    SIGNING_CERTIFICATE_MISMATCH: "The signature names a different certificate from the one that signed.",
    BAD_TIMESTAMP: "The time-stamp does not verify.",
    MODIFIED_AFTER_SIGNING: "After signing, the document was changed beyond adding signatures (content, pages or annotations).",
  },
  note: "Validity is judged at each signature's time-stamp time (or at the verification time when there is none).",
  utcOffsetMinutes: 0,
  zoneLabel: "UTC",
};

const WORDING: Record<SignatureReportLanguage, ReportWording> = { ko: KOREAN, ja: JAPANESE, en: ENGLISH };

/** 2026-11-22 14:03:05 KST: the report's zone, to the second, without a time-zone database. */
function formatTime(wording: ReportWording, isoTime: string | null): string {
  if (!isoTime) return wording.unknown;
  const time = new Date(isoTime);
  if (Number.isNaN(time.getTime())) return wording.unknown;
  const shifted = new Date(time.getTime() + wording.utcOffsetMinutes * 60_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} ${wording.zoneLabel}`;
}

function signatureBlocks(wording: ReportWording, signature: PdfSignatureReport, index: number): Block[] {
  const rows: { key: string; value: string }[] = [{ key: wording.field, value: signature.fieldName }];
  if (signature.signer) {
    rows.push(
      { key: wording.signer, value: signature.signer.subjectDn },
      { key: wording.issuer, value: signature.signer.issuerDn },
      { key: wording.serial, value: signature.signer.serialNumberHex },
      { key: wording.certificateValidity, value: `${formatTime(wording, signature.signer.notBefore)} ~ ${formatTime(wording, signature.signer.notAfter)}` },
    );
  } else {
    rows.push({ key: wording.signer, value: wording.unknown });
  }
  rows.push(
    {
      key: wording.platformSigner,
      value: signature.platformSigner
        ? wording.platformSignerText(signature.platformSigner.userName, signature.platformSigner.organizationName)
        : wording.notOnPlatform,
    },
    {
      key: wording.timestamp,
      value: signature.timestamp
        ? wording.timestampText(formatTime(wording, signature.timestamp.genTime), signature.timestamp.authority, signature.timestamp.isValid)
        : wording.noTimestamp,
    },
    { key: wording.claimedTime, value: formatTime(wording, signature.claimedSigningTime) },
    { key: wording.coversWholeDocument, value: wording.coversText(signature.coversWholeDocument, signature.signedRevisionLength) },
    {
      key: wording.result,
      value: signature.isValid ? wording.valid : signature.problems.map((problem) => wording.problems[problem]).join("\n") || wording.unknown,
    },
  );
  return [
    { type: "text", text: wording.signatureHeading(index, signature.fieldName, signature.isValid), size: 12, weight: "bold", spaceBefore: 16, spaceAfter: 6, keepWithNext: true },
    { type: "keyValue", rows, size: 9.5, keyWidth: 150 },
  ];
}

export async function renderSignatureReportPdf(input: SignatureReportPdfInput): Promise<Uint8Array> {
  const wording = WORDING[input.language];
  const { report } = input;
  const validCount = report.signatures.filter((signature) => signature.isValid).length;
  const blocks: Block[] = [
    { type: "text", text: wording.documentTitle, size: 18, weight: "bold", align: "center", spaceAfter: 16 },
    {
      type: "keyValue",
      size: 9.5,
      keyWidth: 150,
      rows: [
        { key: wording.contractNumber, value: input.contractNumber },
        { key: wording.contractTitle, value: input.title },
        { key: wording.documentHash, value: input.documentSha256 },
        { key: wording.fileSize, value: wording.bytes(report.size) },
        { key: wording.verifiedAt, value: formatTime(wording, report.verifiedAt) },
        { key: wording.summary, value: report.signatures.length === 0 ? wording.noSignatures : wording.summaryText(validCount, report.signatures.length) },
      ],
    },
    ...report.signatures.flatMap((signature, index) => signatureBlocks(wording, signature, index + 1)),
    { type: "text", text: wording.note, size: 8.5, color: MUTED, spaceBefore: 16 },
  ];
  const header = { left: `${wording.contractNumber} ${input.contractNumber}`, right: wording.documentTitle };

  const doc = await PDFDocument.create();
  const text = collectBlockText(blocks);
  const fonts = await embedCjkFonts(doc, {
    language: input.language,
    regular: [text.regular, header.left, header.right, PAGE_NUMBER_CHARACTERS].join("\n"),
    bold: text.bold,
  });
  new PdfLayout(doc, fonts).render(blocks);
  stampPages(doc, fonts, header);
  await fonts.finalize();

  doc.setTitle(`${wording.documentTitle} ${input.contractNumber}`, { showInWindowTitleBar: true });
  doc.setSubject(input.title);
  doc.setAuthor("PWP");
  doc.setCreator("PWP e-contract");
  doc.setProducer(SIGNATURE_REPORT_PDF_PRODUCER);
  doc.setLanguage({ ko: "ko-KR", ja: "ja-JP", en: "en" }[input.language]);
  return doc.save({ useObjectStreams: false });
}
