// What changed in a PDF after a signed revision, as a viewer would show it, and whether all of it is what signing
// later adds (PDF 32000 12.8.2.2 "incremental updates"; the checks EU DSS and Acrobat make): new signature fields
// with their widgets, signature dictionaries and appearance streams; the catalog's /AcroForm (and /DSS, which only
// holds validation data); the AcroForm's /Fields grown by signature fields, /SigFlags, /DR; a page's /Annots grown
// by signature widgets; a signature field that was empty getting its value. Anything else — page content, other
// annotations, other fields, the page tree, metadata, an object deleted or replaced by an older version — counts.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject } from "pdf-lib";
import { isEqualBytes } from "./encoding.ts";
import { bytesOf, type PdfFile } from "./pdf-file.ts";

const MAX_COMPARE_DEPTH = 64;
const name = (value: string) => PDFName.of(value);

/** Structural equality of two objects (key order and number spelling do not matter; references by number). */
export function isSameObject(a: PDFObject | undefined, b: PDFObject | undefined, depth = 0): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || depth > MAX_COMPARE_DEPTH) return false;
  if (a instanceof PDFRef || b instanceof PDFRef || a instanceof PDFName || b instanceof PDFName) return false; // both memoised: identity above
  if (a instanceof PDFNumber && b instanceof PDFNumber) return a.asNumber() === b.asNumber();
  if (a instanceof PDFRawStream && b instanceof PDFRawStream) return isSameObject(a.dict, b.dict, depth + 1) && isEqualBytes(a.contents, b.contents);
  if (a instanceof PDFDict && b instanceof PDFDict) {
    const aEntries = a.entries();
    if (aEntries.length !== b.entries().length) return false;
    return aEntries.every(([key, value]) => isSameObject(value, b.get(key), depth + 1));
  }
  if (a instanceof PDFArray && b instanceof PDFArray) {
    if (a.size() !== b.size()) return false;
    return a.asArray().every((value, index) => isSameObject(value, b.get(index), depth + 1));
  }
  const aBytes = bytesOf(a);
  const bBytes = bytesOf(b);
  if (aBytes && bBytes) return isEqualBytes(aBytes, bBytes);
  return a.constructor === b.constructor && a.toString() === b.toString();
}

type Role = "catalog" | "acroForm" | "fields" | "page" | "annots" | "emptySignatureField" | "dss";

/** Objects of the signed revision that later signing may legitimately rewrite, by reference. */
function rolesOf(signed: PdfFile): Map<PDFRef, Role> {
  const roles = new Map<PDFRef, Role>();
  const catalog = signed.catalog();
  roles.set(signed.rootRef(), "catalog");
  const acroFormRef = catalog.get(name("AcroForm"));
  if (acroFormRef instanceof PDFRef) roles.set(acroFormRef, "acroForm");
  const fieldsRef = signed.dict(acroFormRef)?.get(name("Fields"));
  if (fieldsRef instanceof PDFRef) roles.set(fieldsRef, "fields");
  const dssRef = catalog.get(name("DSS"));
  if (dssRef instanceof PDFRef) roles.set(dssRef, "dss");
  for (const page of signed.pageRefs()) {
    roles.set(page, "page");
    const annots = signed.dict(page)?.get(name("Annots"));
    if (annots instanceof PDFRef) roles.set(annots, "annots");
  }
  for (const field of signed.fields()) {
    if (field.fieldType === "Sig" && field.dict.get(name("V")) === undefined && !roles.has(field.ref)) roles.set(field.ref, "emptySignatureField");
  }
  return roles;
}

type KeyCheck = (before: PDFObject | undefined, after: PDFObject | undefined) => string | undefined;

/** Keys not listed must be unchanged; listed keys are judged by their check. */
function compareDict(before: PDFDict, after: PDFDict, what: string, checks: Record<string, KeyCheck>): string[] {
  const keys = new Set<PDFName>([...before.keys(), ...after.keys()]);
  const reasons: string[] = [];
  for (const key of keys) {
    const check = checks[key.decodeText()];
    const reason = check ? check(before.get(key), after.get(key)) : isSameObject(before.get(key), after.get(key)) ? undefined : `${what}: ${key.toString()} changed`;
    if (reason) reasons.push(reason);
  }
  return reasons;
}

const anything: KeyCheck = () => undefined;

export type ModificationReport = { isModified: boolean; reasons: string[] };

/**
 * Compares the signed revision with the final file. `signed` and `final` are readings of the same file cut at the
 * signed revision's end and not cut.
 */
export function findModifications(signed: PdfFile, final: PdfFile): ModificationReport {
  const reasons: string[] = [];
  const roles = rolesOf(signed);

  const isSignatureField = (value: PDFObject | undefined) => {
    const dict = final.dict(value);
    return value instanceof PDFRef && dict?.lookup(name("FT")) === name("Sig");
  };
  const isSignatureWidget = (value: PDFObject | undefined) => {
    const dict = final.dict(value);
    if (!(value instanceof PDFRef) || dict?.lookup(name("Subtype")) !== name("Widget")) return false;
    return dict.lookup(name("FT")) === name("Sig") || final.dict(dict.get(name("Parent")))?.lookup(name("FT")) === name("Sig");
  };

  /** An array that only grew by items the predicate allows (old items may move, none may go). */
  const grown =
    (what: string, isAllowedNewItem: (value: PDFObject | undefined) => boolean): KeyCheck =>
    (beforeValue, afterValue) => {
      if (beforeValue instanceof PDFRef && beforeValue === afterValue) return undefined; // judged as an object of its own
      const before = signed.array(beforeValue)?.asArray() ?? [];
      const after = final.array(afterValue);
      if (!after) return beforeValue === undefined && afterValue === undefined ? undefined : `${what} removed`;
      const remaining = [...after.asArray()];
      for (const item of before) {
        const index = remaining.findIndex((candidate) => isSameObject(item, candidate));
        if (index === -1) return `${what}: an entry was removed`;
        remaining.splice(index, 1);
      }
      return remaining.every(isAllowedNewItem) ? undefined : `${what}: an entry other than a signature was added`;
    };
  const fieldsGrown = grown("AcroForm /Fields", isSignatureField);
  const annotsGrown = grown("page /Annots", isSignatureWidget);

  const acroFormChecks: Record<string, KeyCheck> = { Fields: fieldsGrown, SigFlags: anything, DR: anything };
  const acroFormValue: KeyCheck = (beforeValue, afterValue) => {
    if (beforeValue instanceof PDFRef && beforeValue === afterValue) return undefined;
    const after = final.dict(afterValue);
    if (!after) return beforeValue === undefined && afterValue === undefined ? undefined : "the AcroForm was removed";
    const before = signed.dict(beforeValue) ?? PDFDict.withContext(signed.context);
    return compareDict(before, after, "AcroForm", acroFormChecks)[0];
  };

  const checksByRole: Record<Role, Record<string, KeyCheck> | null> = {
    catalog: { AcroForm: acroFormValue, DSS: anything },
    acroForm: acroFormChecks,
    fields: null,
    annots: null,
    page: { Annots: annotsGrown },
    emptySignatureField: { V: (before) => (before === undefined ? undefined : "a signature value was replaced"), AP: anything, AS: anything },
    dss: {},
  };

  const finalRoot = final.trailer.get(name("Root"));
  if (finalRoot !== signed.rootRef()) reasons.push("the document catalog was replaced");
  if (final.trailer.get(name("Encrypt")) !== undefined && signed.trailer.get(name("Encrypt")) === undefined) reasons.push("encryption was added");

  const numbers = new Set<number>([...signed.entries.keys(), ...final.entries.keys()]);
  numbers.delete(0);
  for (const number of numbers) {
    const before = signed.entries.get(number);
    const after = final.entries.get(number);
    // Same offset in bytes the signature covers: the very same object.
    if (before?.kind === "offset" && after?.kind === "offset" && before.offset === after.offset && before.generation === after.generation) continue;
    const beforeRef = PDFRef.of(number, before?.kind === "offset" ? before.generation : 0);
    const afterRef = PDFRef.of(number, after?.kind === "offset" ? after.generation : 0);
    const beforeObject = before && before.kind !== "free" ? signed.context.lookup(beforeRef) : undefined;
    const afterObject = after && after.kind !== "free" ? final.context.lookup(afterRef) : undefined;
    if (beforeObject === undefined) continue; // new: harmless unless a changed object below refers to it
    if (afterObject === undefined) {
      reasons.push(`object ${number} was deleted`);
      continue;
    }
    if (beforeRef !== afterRef) {
      reasons.push(`object ${number} was replaced by another generation`);
      continue;
    }
    if (isSameObject(beforeObject, afterObject)) continue;
    const role = roles.get(beforeRef);
    const what = `object ${number}${role ? ` (${role})` : ""}`;
    if (!role) {
      reasons.push(`${what} changed`);
    } else if (role === "fields" || role === "annots") {
      const reason = (role === "fields" ? fieldsGrown : annotsGrown)(beforeObject, afterObject);
      if (reason) reasons.push(`${what}: ${reason}`);
    } else if (beforeObject instanceof PDFDict && afterObject instanceof PDFDict) {
      reasons.push(...compareDict(beforeObject, afterObject, what, checksByRole[role] ?? {}));
    } else {
      reasons.push(`${what} changed type`);
    }
  }
  return { isModified: reasons.length > 0, reasons };
}
