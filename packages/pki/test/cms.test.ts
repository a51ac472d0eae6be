// CMS signatures: ours must pass `openssl cms -verify`, openssl's must pass ours, and every way a signature can be
// wrong must come back as a problem code (never an exception).
import { readFileSync } from "node:fs";
import * as asn1js from "asn1js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../src/certificate.ts";
import {
  CMS_OID,
  assembleSignedData,
  createSignedAttributes,
  createSignedData,
  signSignedAttributes,
  signatureValueOf,
  verifySignedData,
} from "../src/cms.ts";
import { createCrl } from "../src/crl.ts";
import { compareBytes, sha256 } from "../src/encoding.ts";
import { createOpensslPki, type OpensslPki } from "./openssl-fixtures.ts";

let pki: OpensslPki;
const content = new TextEncoder().encode("계약서 — 工事請負契約書 — contract v1\n".repeat(200));
let contentPath: string;

beforeAll(async () => {
  pki = await createOpensslPki();
  contentPath = pki.write("content.bin", content);
}, 60_000);

afterAll(() => pki?.cleanup());

function verifyWithOpenssl(signatureDer: Uint8Array, options: { extra?: string[]; caFile?: string; contentFile?: string | null } = {}) {
  const file = pki.write(`sig-${Math.random().toString(36).slice(2)}.p7s`, signatureDer);
  const contentFile = options.contentFile === undefined ? contentPath : options.contentFile;
  return pki.tryOpenssl([
    "cms", "-verify", "-binary", ...(contentFile ? ["-content", contentFile] : []), "-inform", "DER", "-in", file,
    "-CAfile", options.caFile ?? pki.root.certificatePath, "-purpose", "any", "-out", "/dev/null", ...(options.extra ?? []),
  ]);
}

/** The encoded Attributes inside the SignerInfo's [0] signedAttrs, in the order they are in the file. */
function readSignedAttributes(signatureDer: Uint8Array): { type: string; der: Uint8Array; value: asn1js.AsnType }[] {
  const contentInfo = asn1js.fromBER(signatureDer.slice().buffer).result as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const signerInfos = signedData.valueBlock.value.at(-1) as asn1js.Set;
  const signerInfo = signerInfos.valueBlock.value[0] as asn1js.Sequence;
  const signedAttrs = signerInfo.valueBlock.value.find((node) => node.idBlock.tagClass === 3 && node.idBlock.tagNumber === 0) as asn1js.Constructed;
  return signedAttrs.valueBlock.value.map((attribute) => {
    const [type, values] = (attribute as asn1js.Sequence).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Set];
    return { type: type.valueBlock.toString(), der: new Uint8Array(attribute.valueBeforeDecodeView), value: values.valueBlock.value[0] as asn1js.AsnType };
  });
}

function flipLastByteOf(haystack: Uint8Array, needle: Uint8Array): Uint8Array {
  const copy = haystack.slice();
  outer: for (let start = 0; start <= copy.length - needle.length; start++) {
    for (let i = 0; i < needle.length; i++) if (copy[start + i] !== needle[i]) continue outer;
    const last = start + needle.length - 1;
    copy[last] = (copy[last] ?? 0) ^ 0x01;
    return copy;
  }
  throw new Error("needle not found");
}

describe("createSignedData", () => {
  it("makes a detached EC P-256 signature with signingTime that openssl accepts and we verify", async () => {
    const signingTime = new Date();
    const der = await createSignedData({
      content,
      signerCertificateDer: pki.signerEc.certificateDer,
      certificatesDer: [pki.issuing.certificateDer],
      privateKey: pki.signerEc.privateKey,
      signingTime,
    });
    // -cades makes openssl require and check the signing-certificate attribute too.
    const openssl = verifyWithOpenssl(der, { extra: ["-cades"] });
    expect(openssl.output).toContain("Verification successful");
    expect(openssl.status).toBe(0);

    const result = await verifySignedData({ signedDataDer: der, content, trustedRootsDer: [pki.root.certificateDer] });
    expect(result).toMatchObject({ isValid: true, hasSigningCertificateAttribute: true });
    expect(result.problem).toBeUndefined();
    expect(result.signer?.subject.commonName).toBe("김서명");
    expect(result.signingTime?.getTime()).toBe(Math.floor(signingTime.getTime() / 1000) * 1000);
    expect(result.checkedAt).toEqual(result.signingTime);
  });

  it("makes a detached RSA 2048 signature without signingTime (PAdES form) that openssl accepts", async () => {
    const der = await createSignedData({ content, signerCertificateDer: pki.signerRsa.certificateDer, privateKey: pki.signerRsa.privateKey, signingTime: null });
    // openssl 3.0 cms -verify takes chain certificates only from the CMS itself or the trust store (-certfile only
    // finds the signer), so a verifier that knows the issuing CA has it in its CA file.
    const bundle = pki.write("root-and-issuing.pem", `${readFileSync(pki.root.certificatePath, "utf8")}${readFileSync(pki.issuing.certificatePath, "utf8")}`);
    const openssl = verifyWithOpenssl(der, { caFile: bundle, extra: ["-cades"] });
    expect(openssl.output).toContain("Verification successful");

    const types = readSignedAttributes(der).map((attribute) => attribute.type);
    expect(types).not.toContain(CMS_OID.signingTime);
    const result = await verifySignedData({ signedDataDer: der, content, trustedRootsDer: [pki.root.certificateDer], intermediatesDer: [pki.issuing.certificateDer] });
    expect(result).toMatchObject({ isValid: true });
    expect(result.signer?.keyAlgorithm).toBe("RSA");
    expect(result.signingTime).toBeUndefined();
  });

  it("DER-sorts the signed attributes and binds the signer certificate with signingCertificateV2", async () => {
    const der = await createSignedData({ content, signerCertificateDer: pki.signerEc.certificateDer, privateKey: pki.signerEc.privateKey });
    const attributes = readSignedAttributes(der);
    expect(attributes.map((attribute) => attribute.type).sort()).toEqual(
      [CMS_OID.contentType, CMS_OID.messageDigest, CMS_OID.signingTime, CMS_OID.signingCertificateV2].sort(),
    );
    for (let i = 1; i < attributes.length; i++) {
      expect(compareBytes((attributes[i - 1] as { der: Uint8Array }).der, (attributes[i] as { der: Uint8Array }).der)).toBeLessThan(0);
    }
    // The order we build them in (contentType, messageDigest, signingCertificateV2, signingTime) is not DER order,
    // so this really tests the sort.
    expect(attributes.map((attribute) => attribute.type)).not.toEqual([CMS_OID.contentType, CMS_OID.messageDigest, CMS_OID.signingCertificateV2, CMS_OID.signingTime]);

    const v2 = attributes.find((attribute) => attribute.type === CMS_OID.signingCertificateV2);
    const certs = (v2?.value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const essCertId = certs.valueBlock.value[0] as asn1js.Sequence;
    const [certHash, issuerSerial] = essCertId.valueBlock.value as [asn1js.OctetString, asn1js.Sequence];
    expect(certHash).toBeInstanceOf(asn1js.OctetString); // hashAlgorithm omitted: DEFAULT sha256
    expect(new Uint8Array(certHash.valueBlock.valueHexView)).toEqual(await sha256(pki.signerEc.certificateDer));
    const serial = issuerSerial.valueBlock.value[1] as asn1js.Integer;
    const signer = await parseCertificate(pki.signerEc.certificateDer);
    expect(BigInt(`0x${signer.serialNumberHex}`)).toBe(serial.toBigInt());

    const printed = pki.openssl(["cms", "-cmsout", "-print", "-inform", "DER", "-in", pki.write("print.p7s", der)]);
    expect(printed).toMatch(/signingCertificateV2/i);
  });

  it("encapsulates the content when asked (openssl verifies without -content)", async () => {
    const der = await createSignedData({ content, isDetached: false, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerEc.privateKey });
    expect(verifyWithOpenssl(der, { contentFile: null, extra: ["-cades"] }).output).toContain("Verification successful");
    expect(await verifySignedData({ signedDataDer: der, trustedRootsDer: [pki.root.certificateDer] })).toMatchObject({ isValid: true });
  });

  it("refuses a private key that does not belong to the certificate", async () => {
    await expect(createSignedData({ content, signerCertificateDer: pki.signerEc.certificateDer, privateKey: pki.tsa.privateKey })).rejects.toMatchObject({ code: "NO_KEY" });
  });

  it("splits into attributes, signature and assembly for signing a digest computed elsewhere (PAdES)", async () => {
    const signedAttributesDer = await createSignedAttributes({ contentDigest: await sha256(content), signerCertificateDer: pki.signerEc.certificateDer, signingTime: null });
    expect(signedAttributesDer[0]).toBe(0x31);
    const signatureValue = await signSignedAttributes(signedAttributesDer, pki.signerEc.privateKey);
    const der = assembleSignedData({ signedAttributesDer, signatureValue, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer] });
    expect(verifyWithOpenssl(der, { extra: ["-cades"] }).output).toContain("Verification successful");
    expect(signatureValueOf(der)).toEqual(signatureValue);
  });
});

describe("verifySignedData", () => {
  let good: Uint8Array;
  const roots = () => [pki.root.certificateDer];

  beforeAll(async () => {
    good = await createSignedData({ content, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerEc.privateKey });
  });

  it("reports DIGEST_MISMATCH when the content changed", async () => {
    const changed = content.slice();
    changed[10] = (changed[10] ?? 0) ^ 1;
    const result = await verifySignedData({ signedDataDer: good, content: changed, trustedRootsDer: roots() });
    expect(result).toMatchObject({ isValid: false, problem: "DIGEST_MISMATCH" });
  });

  it("reports BAD_SIGNATURE when the signature value is flipped (pkijs's returns-false mode)", async () => {
    const flipped = flipLastByteOf(good, signatureValueOf(good));
    expect(verifyWithOpenssl(flipped).status).not.toBe(0);
    const result = await verifySignedData({ signedDataDer: flipped, content, trustedRootsDer: roots() });
    expect(result).toMatchObject({ isValid: false, problem: "BAD_SIGNATURE" });
  });

  it("reports BAD_SIGNATURE when a signed attribute was changed after signing", async () => {
    const signingTimeOid = new Uint8Array(new asn1js.ObjectIdentifier({ value: CMS_OID.signingTime }).toBER());
    // The last byte of the OID's encoding plus 4 lands inside the UTCTime's digits.
    const at = Buffer.from(good).indexOf(Buffer.from(signingTimeOid)) + signingTimeOid.length + 4 + 6;
    const changed = good.slice();
    changed[at] = (changed[at] ?? 0x30) === 0x30 ? 0x31 : 0x30;
    expect(await verifySignedData({ signedDataDer: changed, content, trustedRootsDer: roots() })).toMatchObject({ isValid: false, problem: "BAD_SIGNATURE" });
  });

  it("reports a problem, not an exception, when another certificate with the same key and serial is swapped in", async () => {
    const signedAttributesDer = await createSignedAttributes({ contentDigest: await sha256(content), signerCertificateDer: pki.signerEc.certificateDer });
    const signatureValue = await signSignedAttributes(signedAttributesDer, pki.signerEc.privateKey);
    const swapped = assembleSignedData({ signedAttributesDer, signatureValue, signerCertificateDer: pki.signerEcTwin.certificateDer, certificatesDer: [pki.issuing.certificateDer] });
    // The signature itself verifies (same key), so only the ESSCertIDv2 check catches this: plain openssl cms
    // -verify accepts it, with -cades it refuses it as we do.
    expect(verifyWithOpenssl(swapped).status).toBe(0);
    expect(verifyWithOpenssl(swapped, { extra: ["-cades"] }).status).not.toBe(0);
    const result = await verifySignedData({ signedDataDer: swapped, content, trustedRootsDer: roots() });
    expect(result).toMatchObject({ isValid: false, problem: "BAD_SIGNATURE" });
    expect(result.detail).toMatch(/signing-certificate/);
    expect(result.signer?.subject.commonName).toBe("다른사람");
  });

  it("reports BAD_SIGNATURE when a certificate with another key is swapped in", async () => {
    const signedAttributesDer = await createSignedAttributes({ contentDigest: await sha256(content), signerCertificateDer: pki.signerEc.certificateDer });
    const signatureValue = await signSignedAttributes(signedAttributesDer, pki.signerEc.privateKey);
    const swapped = assembleSignedData({ signedAttributesDer, signatureValue, signerCertificateDer: pki.signerRsa.certificateDer });
    expect(await verifySignedData({ signedDataDer: swapped, content, trustedRootsDer: roots(), intermediatesDer: [pki.issuing.certificateDer] })).toMatchObject({
      isValid: false,
      problem: "BAD_SIGNATURE",
    });
  });

  it("reports UNTRUSTED for a signer under a root we do not trust", async () => {
    const der = await createSignedData({ content, signerCertificateDer: pki.otherSigner.certificateDer, privateKey: pki.otherSigner.privateKey });
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: roots() })).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: [] })).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: [pki.otherRoot.certificateDer] })).toMatchObject({ isValid: true });
  });

  it("reports UNTRUSTED when the issuing CA is neither in the signature nor given", async () => {
    const der = await createSignedData({ content, signerCertificateDer: pki.signerEc.certificateDer, privateKey: pki.signerEc.privateKey });
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: roots() })).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
  });

  it("checks the chain at signingTime, or at `at` when given", async () => {
    const der = await createSignedData({ content, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerEc.privateKey, signingTime: new Date("2001-01-01T00:00:00Z") });
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: roots() })).toMatchObject({ isValid: false, problem: "NOT_YET_VALID" });
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: roots(), at: later })).toMatchObject({ isValid: false, problem: "EXPIRED", checkedAt: later });
    expect(await verifySignedData({ signedDataDer: der, content, trustedRootsDer: roots(), at: new Date() })).toMatchObject({ isValid: true });
  });

  it("reports REVOKED when the issuing CA's CRL lists the signer before the signing time, and valid before it", async () => {
    const signer = await parseCertificate(pki.signerEc.certificateDer);
    const revokedAt = new Date(Date.now() + 60_000);
    const crlDer = await createCrl({
      issuerCertificateDer: pki.issuing.certificateDer,
      issuerPrivateKey: pki.issuing.privateKey,
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 86_400_000),
      crlNumber: 1,
      revoked: [{ serialNumberHex: signer.serialNumberHex, revokedAt, reason: "keyCompromise" }],
    });
    const options = { signedDataDer: good, content, trustedRootsDer: roots(), crlsDer: [crlDer] };
    expect(await verifySignedData(options)).toMatchObject({ isValid: true });
    const result = await verifySignedData({ ...options, at: new Date(revokedAt.getTime() + 1000) });
    expect(result).toMatchObject({ isValid: false, problem: "REVOKED" });
    expect(result.revokedAt?.getTime()).toBe(Math.floor(revokedAt.getTime() / 1000) * 1000);
  });

  it("accepts a detached CMS made by `openssl cms -sign` (EC and RSA; with and without -cades; signer by key id; BER)", async () => {
    for (const [identity, extra] of [
      [pki.signerEc, []],
      [pki.signerRsa, []],
      [pki.signerEc, ["-cades"]],
      // -keyid names the signer by subjectKeyIdentifier instead of issuer and serial.
      [pki.signerRsa, ["-keyid", "-cades"]],
      // -stream writes indefinite-length BER.
      [pki.signerEc, ["-stream"]],
    ] as [typeof pki.signerEc, string[]][]) {
      const out = `ossl-${Math.random().toString(36).slice(2)}.p7s`;
      pki.openssl([
        "cms", "-sign", "-binary", "-md", "sha256", "-in", contentPath, "-signer", identity.certificatePath, "-inkey", identity.keyPath,
        "-certfile", pki.issuing.certificatePath, "-outform", "DER", "-out", out, ...extra,
      ]);
      const result = await verifySignedData({ signedDataDer: pki.read(out), content, trustedRootsDer: roots() });
      expect(result, `${identity.certificatePath} ${extra.join(" ")}`).toMatchObject({ isValid: true, hasSigningCertificateAttribute: extra.includes("-cades") });
      const changed = content.slice(1);
      expect(await verifySignedData({ signedDataDer: pki.read(out), content: changed, trustedRootsDer: roots() })).toMatchObject({ problem: "DIGEST_MISMATCH" });
    }
  });

  it("can require the signing-certificate attribute", async () => {
    const out = "ossl-plain.p7s";
    pki.openssl(["cms", "-sign", "-binary", "-md", "sha256", "-in", contentPath, "-signer", pki.signerEc.certificatePath, "-inkey", pki.signerEc.keyPath, "-outform", "DER", "-out", out]);
    const result = await verifySignedData({ signedDataDer: pki.read(out), content, trustedRootsDer: roots(), intermediatesDer: [pki.issuing.certificateDer], isSigningCertificateAttributeRequired: true });
    expect(result).toMatchObject({ isValid: false, problem: "BAD_SIGNATURE" });
  });

  it("reports MALFORMED for garbage and for other CMS types, without throwing", async () => {
    for (const junk of [new Uint8Array(), new Uint8Array([0x30, 0x03, 0x02, 0x01]), good.slice(0, good.length - 20), new TextEncoder().encode("not a signature")]) {
      expect(await verifySignedData({ signedDataDer: junk, content, trustedRootsDer: roots() })).toMatchObject({ isValid: false, problem: "MALFORMED" });
    }
    expect(() => signatureValueOf(new Uint8Array([1, 2, 3]))).toThrow(expect.objectContaining({ code: "MALFORMED" }));
  });
});
