// Subject and issuer names. Values are written as UTF8String so Korean and Japanese names survive every tool
// (openssl, browsers, pdfsig); country stays PrintableString because RFC 5280 requires it.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

export const NAME_OID = {
  commonName: "2.5.4.3",
  serialNumber: "2.5.4.5",
  country: "2.5.4.6",
  locality: "2.5.4.7",
  stateOrProvince: "2.5.4.8",
  organizationName: "2.5.4.10",
  organizationalUnit: "2.5.4.11",
  organizationIdentifier: "2.5.4.97",
} as const;

/** Short names used in DN strings (RFC 4514 where one exists, openssl's otherwise). */
const SHORT_NAMES: Record<string, string> = {
  [NAME_OID.commonName]: "CN",
  [NAME_OID.serialNumber]: "serialNumber",
  [NAME_OID.country]: "C",
  [NAME_OID.locality]: "L",
  [NAME_OID.stateOrProvince]: "ST",
  [NAME_OID.organizationName]: "O",
  [NAME_OID.organizationalUnit]: "OU",
  [NAME_OID.organizationIdentifier]: "organizationIdentifier",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.25": "DC",
};

export type SubjectName = {
  commonName: string;
  organizationName?: string;
  /** OID 2.5.4.97: country + registration number, e.g. "KR-1248100998" or "JP-7000012050002". */
  organizationIdentifier?: string;
  /** OID 2.5.4.5: the platform's user id. */
  serialNumber?: string;
  country?: "KR" | "JP" | string;
};

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** Builds a Name in the order C, O, organizationIdentifier, CN, serialNumber (most general first, as X.500 wants). */
export function buildName(name: SubjectName): pkijs.RelativeDistinguishedNames {
  if (!name.commonName) throw new TypeError("A name needs a commonName");
  const typesAndValues: pkijs.AttributeTypeAndValue[] = [];
  const add = (type: string, value: pkijs.AttributeValueType) => typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value }));
  if (name.country) {
    if (!/^[A-Z]{2}$/.test(name.country)) throw new TypeError("country must be a two-letter ISO 3166 code");
    add(NAME_OID.country, new asn1js.PrintableString({ value: name.country }));
  }
  if (name.organizationName) add(NAME_OID.organizationName, new asn1js.Utf8String({ value: name.organizationName }));
  if (name.organizationIdentifier) add(NAME_OID.organizationIdentifier, new asn1js.Utf8String({ value: name.organizationIdentifier }));
  add(NAME_OID.commonName, new asn1js.Utf8String({ value: name.commonName }));
  if (name.serialNumber) {
    // X.520 makes serialNumber a PrintableString; an id with other characters still goes in, as UTF8String.
    const value = PRINTABLE.test(name.serialNumber)
      ? new asn1js.PrintableString({ value: name.serialNumber })
      : new asn1js.Utf8String({ value: name.serialNumber });
    add(NAME_OID.serialNumber, value);
  }
  // One attribute per RDN. pkijs would put them all in a single SET (one multi-valued RDN), which openssl shows
  // as "C=KR + O=… + CN=…" and which no CA profile uses; so we encode the SEQUENCE OF SET ourselves.
  const sequence = new asn1js.Sequence({ value: typesAndValues.map((atv) => new asn1js.Set({ value: [atv.toSchema()] })) });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(sequence.toBER(false)).result });
}

/** The text of one attribute value, whatever string type it was encoded with. */
export function readAttributeValue(value: pkijs.AttributeValueType): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  if (block && typeof block.value === "string") return block.value;
  return "";
}

/** Reads our SubjectName fields; attributes we do not model are kept only in the DN string (formatDn). */
export function readName(rdns: pkijs.RelativeDistinguishedNames): SubjectName {
  const name: SubjectName = { commonName: "" };
  for (const { type, value } of rdns.typesAndValues) {
    const text = readAttributeValue(value);
    switch (type) {
      case NAME_OID.commonName:
        name.commonName = text;
        break;
      case NAME_OID.organizationName:
        name.organizationName = text;
        break;
      case NAME_OID.organizationIdentifier:
        name.organizationIdentifier = text;
        break;
      case NAME_OID.serialNumber:
        name.serialNumber = text;
        break;
      case NAME_OID.country:
        name.country = text;
        break;
    }
  }
  return name;
}

function escapeDnValue(value: string): string {
  // RFC 4514 section 2.4: special characters anywhere, '#' or space at the start, space at the end.
  let escaped = value.replace(/([,+"\\<>;=])/g, "\\$1");
  if (escaped.startsWith("#") || escaped.startsWith(" ")) escaped = `\\${escaped}`;
  if (escaped.endsWith(" ") && escaped.length > 1) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/**
 * The DN as text, most general attribute first as openssl prints it ("C=KR, O=…, CN=…"), so what the API shows
 * matches `openssl x509 -subject`. Unknown attribute types appear as their OID.
 */
export function formatDn(rdns: pkijs.RelativeDistinguishedNames): string {
  return rdns.typesAndValues
    .map(({ type, value }) => `${SHORT_NAMES[type] ?? type}=${escapeDnValue(readAttributeValue(value))}`)
    .join(", ");
}

/** A SubjectName as DN text, in the same order and form as formatDn gives for a name built by buildName. */
export function formatName(name: SubjectName): string {
  return formatDn(buildName(name));
}

/** Byte equality of two encoded Names: what chain building and CRL matching need (no string folding games). */
export function isSameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return a.isEqual(b);
}

export function isSameSubjectName(a: SubjectName, b: SubjectName): boolean {
  return (
    a.commonName === b.commonName &&
    (a.organizationName ?? "") === (b.organizationName ?? "") &&
    (a.organizationIdentifier ?? "") === (b.organizationIdentifier ?? "") &&
    (a.serialNumber ?? "") === (b.serialNumber ?? "") &&
    (a.country ?? "") === (b.country ?? "")
  );
}
