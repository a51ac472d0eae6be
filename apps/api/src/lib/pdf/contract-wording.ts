// Wording the contract PDF and the PDFs of the documents that follow it (changes, unit prices, inspections,
// invoices) must write the same way: dates, the parties' particulars and the signature boxes. A change contract
// that named the parties differently from the contract it changes would invite the question whether they are the
// same parties.
import type { ContractParty } from "@pwp/shared/contracts";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { MUTED, type ColumnsBlock } from "./layout.ts";

/** The languages of contract paperwork: the orderer's (Korean or Japanese). */
export type ContractLanguage = "ko" | "ja";

type PartyWording = {
  partyName: string;
  registrationNumber(country: ContractParty["country"]): string;
  representative: string;
  address: string;
  representativeLine(name: string): string;
  electronicSignature: string;
};

const PARTY_WORDING: Record<ContractLanguage, PartyWording> = {
  ko: {
    partyName: "상호",
    registrationNumber: (country) => (country === "KR" ? "사업자등록번호" : "법인번호(일본)"),
    representative: "대표자",
    address: "주소",
    representativeLine: (name) => `대표자 ${name}`,
    electronicSignature: "(전자서명)",
  },
  ja: {
    partyName: "商号又は名称",
    registrationNumber: (country) => (country === "JP" ? "法人番号" : "事業者登録番号（韓国）"),
    representative: "代表者",
    address: "所在地",
    representativeLine: (name) => `代表者 ${name}`,
    electronicSignature: "（電子署名）",
  },
};

function dateParts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** 2026년 11월 22일 · 2026年11月22日 */
export function formatContractDate(language: ContractLanguage, isoDate: string): string {
  const [year, month, day] = dateParts(isoDate);
  return language === "ko" ? `${year}년 ${month}월 ${day}일` : `${year}年${month}月${day}日`;
}

/** A party's particulars as key–value rows: name (and its Latin name), registration number, representative, address. */
export function partyRows(language: ContractLanguage, party: ContractParty): { key: string; value: string }[] {
  const wording = PARTY_WORDING[language];
  return [
    { key: wording.partyName, value: party.nameLocal + (party.nameLatin && party.nameLatin !== party.nameLocal ? ` (${party.nameLatin})` : "") },
    { key: wording.registrationNumber(party.country), value: formatRegistrationNumber(party.country, party.registrationNumber) },
    { key: wording.representative, value: party.representativeName },
    { key: wording.address, value: party.address },
  ];
}

/**
 * One signature box's lines: who signs (`label`, e.g. the side), the organisation, its representative, and the note
 * that the signature is electronic. The signature itself is invisible (@pwp/pki/pades puts a zero-sized widget on
 * the last page): the box says who signs, the signature panel of the viewer shows the signature.
 */
export function signatureColumn(language: ContractLanguage, label: string, party: ContractParty): ColumnsBlock["columns"][number] {
  const wording = PARTY_WORDING[language];
  return [
    { text: label, weight: "bold" },
    { text: party.nameLocal },
    { text: wording.representativeLine(party.representativeName) },
    { text: wording.electronicSignature, color: MUTED },
  ];
}
