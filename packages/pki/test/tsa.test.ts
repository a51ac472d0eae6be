// RFC 3161: openssl as the client of our authority (ts -query → our response → ts -verify), openssl as the
// authority for our client, and time-stamps on CMS signatures (CAdES-T).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../src/certificate.ts";
import { addSignatureTimestamp, createSignedData, signatureValueOf, verifySignedData } from "../src/cms.ts";
import { createCrl } from "../src/crl.ts";
import { sha256, toHex } from "../src/encoding.ts";
import {
  answerTimestampRequest,
  createRejection,
  createTimestampRequest,
  createTimestampResponse,
  parseTimestampRequest,
  parseTimestampResponse,
  verifyTimestampToken,
} from "../src/tsa.ts";
import { createOpensslPki, type OpensslPki } from "./openssl-fixtures.ts";

const POLICY = "1.3.6.1.4.1.99999.1.1";
let pki: OpensslPki;
const data = new TextEncoder().encode("見積書 / 견적서 — stamp me\n".repeat(50));
let dataPath: string;
let serialCounter = 0x5000;

beforeAll(async () => {
  pki = await createOpensslPki();
  dataPath = pki.write("data.bin", data);
}, 60_000);

afterAll(() => pki?.cleanup());

const unique = (prefix: string, extension: string) => `${prefix}-${Math.random().toString(36).slice(2)}.${extension}`;

function respond(requestDer: Uint8Array, overrides: { genTime?: Date; certificatesDer?: Uint8Array[] } = {}) {
  return createTimestampResponse({
    requestDer,
    tsaCertificateDer: pki.tsa.certificateDer,
    tsaPrivateKey: pki.tsa.privateKey,
    certificatesDer: overrides.certificatesDer ?? [pki.issuing.certificateDer],
    genTime: overrides.genTime ?? new Date(),
    serialNumberHex: (serialCounter++).toString(16),
    policyOid: POLICY,
  });
}

describe("authority (openssl is the client)", () => {
  it("parses an `openssl ts -query` request, answers it, and `openssl ts -verify` says OK", async () => {
    const query = pki.write(unique("q", "tsq"), new Uint8Array());
    pki.openssl(["ts", "-query", "-data", dataPath, "-sha256", "-cert", "-out", query]);
    const requestDer = pki.read(query.split("/").at(-1) as string);
    const request = parseTimestampRequest(requestDer);
    expect(request).toMatchObject({ hashAlgorithmOid: "2.16.840.1.101.3.4.2.1", isCertRequested: true });
    expect(request.digest).toEqual(await sha256(data));
    expect(typeof request.nonce).toBe("bigint");

    const responseDer = await respond(requestDer);
    const replyPath = pki.write(unique("r", "tsr"), responseDer);
    const verify = pki.tryOpenssl(["ts", "-verify", "-queryfile", query, "-in", replyPath, "-CAfile", pki.root.certificatePath, "-untrusted", pki.issuing.certificatePath]);
    expect(verify.output).toContain("Verification: OK");
    const verifyData = pki.tryOpenssl(["ts", "-verify", "-data", dataPath, "-in", replyPath, "-CAfile", pki.root.certificatePath, "-untrusted", pki.issuing.certificatePath]);
    expect(verifyData.output).toContain("Verification: OK");

    // The text form shows what we put in: nonce echoed, our policy, genTime with milliseconds, accuracy. (A fixed
    // genTime only for reading; openssl would not verify it, as it may predate the fixture certificates.)
    const genTime = new Date(Date.UTC(2026, 10, 21, 3, 4, 5, 670));
    const shown = await respond(requestDer, { genTime });
    const text = pki.openssl(["ts", "-reply", "-in", pki.write(unique("r", "tsr"), shown), "-text"]);
    expect(text).toContain("Status: Granted.");
    expect(text).toContain(`Policy OID: ${POLICY}`);
    expect(text).toContain("Time stamp: Nov 21 03:04:05.67 2026 GMT");
    expect(text).toMatch(/Accuracy: (0x)?0*1 seconds/);
    expect(text).toContain("Ordering: no");
    const nonceHex = (request.nonce as bigint).toString(16).toUpperCase();
    expect(text.replace(/\s/g, "")).toContain(`Nonce:0x${nonceHex.padStart(nonceHex.length + (nonceHex.length % 2), "0")}`);
    expect(text).toContain("CN=PWP Test TSA");

    const parsed = await parseTimestampResponse(shown);
    expect(parsed).toMatchObject({ isGranted: true, status: 0, genTime, policyOid: POLICY, nonce: request.nonce });
    expect(parsed.digest).toEqual(await sha256(data));
  });

  it("leaves the certificates out when the request does not ask (openssl then needs the TSA certificate)", async () => {
    const query = pki.write(unique("q", "tsq"), new Uint8Array());
    pki.openssl(["ts", "-query", "-data", dataPath, "-sha256", "-no_nonce", "-out", query]);
    const requestDer = pki.read(query.split("/").at(-1) as string);
    expect(parseTimestampRequest(requestDer)).toMatchObject({ isCertRequested: false });
    expect(parseTimestampRequest(requestDer).nonce).toBeUndefined();
    const responseDer = await respond(requestDer);
    const replyPath = pki.write(unique("r", "tsr"), responseDer);
    const untrusted = pki.write(unique("chain", "pem"), new TextDecoder().decode(pki.read("tsa.pem")) + new TextDecoder().decode(pki.read("issuing.pem")));
    const verify = pki.tryOpenssl(["ts", "-verify", "-queryfile", query, "-in", replyPath, "-CAfile", pki.root.certificatePath, "-untrusted", untrusted]);
    expect(verify.output).toContain("Verification: OK");

    const { tokenDer } = await parseTimestampResponse(responseDer);
    const options = { tokenDer: tokenDer as Uint8Array, data, trustedRootsDer: [pki.root.certificateDer] };
    expect(await verifyTimestampToken({ ...options, intermediatesDer: [pki.issuing.certificateDer] })).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
    expect(await verifyTimestampToken({ ...options, intermediatesDer: [pki.tsa.certificateDer, pki.issuing.certificateDer] })).toMatchObject({ isValid: true });
  });

  it("refuses SHA-1 (UNSUPPORTED/badAlg) and garbage (MALFORMED/badDataFormat) with rejections openssl reads", async () => {
    const query = pki.write(unique("q", "tsq"), new Uint8Array());
    pki.openssl(["ts", "-query", "-data", dataPath, "-sha1", "-cert", "-out", query]);
    const sha1Request = pki.read(query.split("/").at(-1) as string);
    expect(() => parseTimestampRequest(sha1Request)).toThrow(expect.objectContaining({ code: "UNSUPPORTED", failInfo: "badAlg" }));
    await expect(respond(sha1Request)).rejects.toMatchObject({ code: "UNSUPPORTED" });

    const options = { tsaCertificateDer: pki.tsa.certificateDer, tsaPrivateKey: pki.tsa.privateKey, genTime: new Date(), serialNumberHex: "01", policyOid: POLICY };
    const refusal = await answerTimestampRequest({ ...options, requestDer: sha1Request });
    expect(refusal).toMatchObject({ isGranted: false, problem: "UNSUPPORTED" });
    const refusalText = pki.openssl(["ts", "-reply", "-in", pki.write(unique("rej", "tsr"), refusal.responseDer), "-text"]);
    expect(refusalText).toContain("Status: Rejected.");
    expect(refusalText).toContain("unrecognized or unsupported algorithm identifier");
    expect(refusalText).toContain("is not accepted; use SHA-256");
    expect(await parseTimestampResponse(refusal.responseDer)).toMatchObject({ isGranted: false, status: 2, failInfo: ["badAlg"] });

    const garbage = new TextEncoder().encode("GET / HTTP/1.1");
    expect(() => parseTimestampRequest(garbage)).toThrow(expect.objectContaining({ code: "MALFORMED" }));
    expect(() => parseTimestampRequest(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(expect.objectContaining({ code: "MALFORMED" }));
    const malformed = await answerTimestampRequest({ ...options, requestDer: garbage });
    expect(malformed).toMatchObject({ isGranted: false, problem: "MALFORMED" });
    const malformedText = pki.openssl(["ts", "-reply", "-in", pki.write(unique("rej", "tsr"), malformed.responseDer), "-text"]);
    expect(malformedText).toContain("Status: Rejected.");
    expect(malformedText).toContain("the data submitted has the wrong format");

    for (const failInfo of ["badRequest", "unacceptedPolicy", "systemFailure"] as const) {
      const text = pki.openssl(["ts", "-reply", "-in", pki.write(unique("rej", "tsr"), createRejection("rejection", failInfo)), "-text"]);
      expect(text).toContain("Status: Rejected.");
      expect(await parseTimestampResponse(createRejection("rejection", failInfo))).toMatchObject({ failInfo: [failInfo] });
    }
  });

  it("refuses a policy it does not offer, and a TSA certificate without critical timeStamping", async () => {
    const requestDer = await createTimestampRequest({ data, policyOid: "1.2.3.4" });
    await expect(respond(requestDer)).rejects.toMatchObject({ code: "UNSUPPORTED", failInfo: "unacceptedPolicy" });
    const other = await createTimestampRequest({ data });
    await expect(
      createTimestampResponse({ requestDer: other, tsaCertificateDer: pki.signerEc.certificateDer, tsaPrivateKey: pki.signerEc.privateKey, genTime: new Date(), serialNumberHex: "02", policyOid: POLICY }),
    ).rejects.toMatchObject({ code: "WRONG_KEY_USAGE" });
  });
});

describe("client (our requests, our and openssl's tokens)", () => {
  it("makes requests openssl reads, and verifies the token it gets back", async () => {
    const requestDer = await createTimestampRequest({ data, nonce: 0x1234_5678_9abc_def0n, policyOid: POLICY });
    const requestText = pki.openssl(["ts", "-query", "-in", pki.write(unique("q", "tsq"), requestDer), "-text"]);
    expect(requestText).toContain("Hash Algorithm: sha256");
    expect(requestText.replace(/[\s-]/g, "")).toContain(toHex((await sha256(data)).slice(0, 16)));
    expect(requestText).toContain("Nonce: 0x123456789ABCDEF0");
    expect(requestText).toContain("Certificate required: yes");
    expect(requestText).toContain(`Policy OID: ${POLICY}`);
    expect(parseTimestampRequest(requestDer)).toMatchObject({ nonce: 0x1234_5678_9abc_def0n, policyOid: POLICY, isCertRequested: true });

    const responseDer = await respond(requestDer);
    const { tokenDer, genTime, serialNumberHex } = await parseTimestampResponse(responseDer);
    const result = await verifyTimestampToken({ tokenDer: tokenDer as Uint8Array, data, trustedRootsDer: [pki.root.certificateDer] });
    expect(result).toMatchObject({ isValid: true, genTime, serialNumberHex, policyOid: POLICY, nonce: 0x1234_5678_9abc_def0n });
    expect(result.tsa?.subject.commonName).toBe("PWP Test TSA");
    expect(await verifyTimestampToken({ tokenDer: tokenDer as Uint8Array, digest: await sha256(data), trustedRootsDer: [pki.root.certificateDer] })).toMatchObject({ isValid: true });
  });

  it("catches a token over different data, from an untrusted TSA, or that is garbage", async () => {
    const { tokenDer } = await parseTimestampResponse(await respond(await createTimestampRequest({ data })));
    const token = tokenDer as Uint8Array;
    const other = new TextEncoder().encode("other data");
    expect(await verifyTimestampToken({ tokenDer: token, data: other, trustedRootsDer: [pki.root.certificateDer] })).toMatchObject({ isValid: false, problem: "DIGEST_MISMATCH" });
    expect(await verifyTimestampToken({ tokenDer: token, data, trustedRootsDer: [pki.otherRoot.certificateDer] })).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
    expect(await verifyTimestampToken({ tokenDer: token.slice(0, 100), data, trustedRootsDer: [pki.root.certificateDer] })).toMatchObject({ isValid: false, problem: "MALFORMED" });
    // A CMS that is a signature but not a token.
    const plain = await createSignedData({ content: data, isDetached: false, signerCertificateDer: pki.tsa.certificateDer, privateKey: pki.tsa.privateKey });
    expect(await verifyTimestampToken({ tokenDer: plain, data, trustedRootsDer: [pki.root.certificateDer] })).toMatchObject({ isValid: false, problem: "MALFORMED" });
  });

  it("verifies tokens made by `openssl ts -reply` (ESS signingCertificate v1 and v2)", async () => {
    for (const essAlgorithm of ["sha1", "sha256"]) {
      pki.write("tsaserial", "01\n");
      const config = pki.write(
        unique("tsa", "cnf"),
        [
          "[tsa]",
          "default_tsa = tsa_config",
          "[tsa_config]",
          `serial = ${pki.dir}/tsaserial`,
          `signer_cert = ${pki.tsa.certificatePath}`,
          `certs = ${pki.issuing.certificatePath}`,
          `signer_key = ${pki.tsa.keyPath}`,
          "signer_digest = sha256",
          `default_policy = ${POLICY}`,
          "digests = sha256",
          "accuracy = secs:1",
          "ordering = no",
          "ess_cert_id_chain = no",
          `ess_cert_id_alg = ${essAlgorithm}`,
          "",
        ].join("\n"),
      );
      const requestDer = await createTimestampRequest({ data });
      const query = pki.write(unique("q", "tsq"), requestDer);
      const reply = unique("ossl", "tsr");
      pki.openssl(["ts", "-reply", "-config", config, "-queryfile", query, "-out", reply]);
      const response = await parseTimestampResponse(pki.read(reply));
      expect(response, essAlgorithm).toMatchObject({ isGranted: true, policyOid: POLICY, nonce: parseTimestampRequest(requestDer).nonce });
      const result = await verifyTimestampToken({ tokenDer: response.tokenDer as Uint8Array, data, trustedRootsDer: [pki.root.certificateDer] });
      expect(result, essAlgorithm).toMatchObject({ isValid: true, genTime: response.genTime });
    }
  });
});

describe("signature time-stamps (CAdES-T)", () => {
  async function stamp(signatureDer: Uint8Array, genTime = new Date()) {
    const requestDer = await createTimestampRequest({ data: signatureValueOf(signatureDer) });
    const { tokenDer } = await parseTimestampResponse(await respond(requestDer, { genTime }));
    return { tokenDer: tokenDer as Uint8Array, stamped: addSignatureTimestamp(signatureDer, tokenDer as Uint8Array) };
  }

  it("adds the token as an unsigned attribute that openssl cms -verify still accepts; genTime is reported", async () => {
    const signatureDer = await createSignedData({ content: data, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerEc.privateKey, signingTime: null });
    const genTime = new Date();
    const { stamped } = await stamp(signatureDer, genTime);
    // Only the unsigned part changed: the signature value is the same.
    expect(signatureValueOf(stamped)).toEqual(signatureValueOf(signatureDer));
    const file = pki.write(unique("t", "p7s"), stamped);
    const openssl = pki.tryOpenssl(["cms", "-verify", "-binary", "-content", dataPath, "-inform", "DER", "-in", file, "-CAfile", pki.root.certificatePath, "-purpose", "any", "-cades", "-out", "/dev/null"]);
    expect(openssl.output).toContain("Verification successful");
    const printed = pki.openssl(["cms", "-cmsout", "-print", "-inform", "DER", "-in", file]);
    expect(printed).toMatch(/id-smime-aa-timeStampToken|1\.2\.840\.113549\.1\.9\.16\.2\.14/);

    const result = await verifySignedData({ signedDataDer: stamped, content: data, trustedRootsDer: [pki.root.certificateDer] });
    expect(result).toMatchObject({ isValid: true, checkedAt: genTime });
    expect(result.timestamp?.genTime).toEqual(genTime);
    expect(result.timestamp?.tsa.subject.commonName).toBe("PWP Test TSA");
  });

  it("keeps a signature time-stamped before its signer's revocation valid, and one stamped after it REVOKED", async () => {
    const signatureDer = await createSignedData({ content: data, signerCertificateDer: pki.signerRsa.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerRsa.privateKey, signingTime: null });
    const signer = await parseCertificate(pki.signerRsa.certificateDer);
    const revokedAt = new Date(Date.now() + 30_000);
    const crlDer = await createCrl({
      issuerCertificateDer: pki.issuing.certificateDer,
      issuerPrivateKey: pki.issuing.privateKey,
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 86_400_000),
      crlNumber: 7,
      revoked: [{ serialNumberHex: signer.serialNumberHex, revokedAt, reason: "keyCompromise" }],
    });
    const before = await stamp(signatureDer, new Date());
    const after = await stamp(signatureDer, new Date(revokedAt.getTime() + 60_000));
    const options = { content: data, trustedRootsDer: [pki.root.certificateDer], crlsDer: [crlDer] };
    // Without a time-stamp, `at` after the revocation means REVOKED; the time-stamp's genTime takes precedence.
    expect(await verifySignedData({ ...options, signedDataDer: signatureDer, at: new Date(revokedAt.getTime() + 1000) })).toMatchObject({ problem: "REVOKED" });
    expect(await verifySignedData({ ...options, signedDataDer: before.stamped, at: new Date(revokedAt.getTime() + 1000) })).toMatchObject({ isValid: true });
    expect(await verifySignedData({ ...options, signedDataDer: after.stamped })).toMatchObject({ isValid: false, problem: "REVOKED" });
  });

  it("reports the time-stamp's problem when the token is over something else", async () => {
    const signatureDer = await createSignedData({ content: data, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerEc.privateKey });
    const otherSignature = await createSignedData({ content: data, signerCertificateDer: pki.signerEc.certificateDer, certificatesDer: [pki.issuing.certificateDer], privateKey: pki.signerEc.privateKey });
    const { tokenDer } = await stamp(otherSignature);
    const mixed = addSignatureTimestamp(signatureDer, tokenDer);
    const result = await verifySignedData({ signedDataDer: mixed, content: data, trustedRootsDer: [pki.root.certificateDer] });
    expect(result).toMatchObject({ isValid: false, problem: "DIGEST_MISMATCH" });
    expect(result.detail).toMatch(/^Time-stamp/);
    expect(toHex(signatureValueOf(mixed))).toBe(toHex(signatureValueOf(signatureDer)));
  });

  it("accepts an openssl-made signature (indefinite-length BER) time-stamped by our authority", async () => {
    const out = unique("ossl", "p7s");
    pki.openssl(["cms", "-sign", "-binary", "-stream", "-md", "sha256", "-in", dataPath, "-signer", pki.signerRsa.certificatePath, "-inkey", pki.signerRsa.keyPath, "-certfile", pki.issuing.certificatePath, "-outform", "DER", "-out", out]);
    const { stamped } = await stamp(pki.read(out));
    expect((await verifySignedData({ signedDataDer: stamped, content: data, trustedRootsDer: [pki.root.certificateDer] })).timestamp).toBeDefined();
    const file = pki.write(unique("t", "p7s"), stamped);
    expect(pki.tryOpenssl(["cms", "-verify", "-binary", "-content", dataPath, "-inform", "DER", "-in", file, "-CAfile", pki.root.certificatePath, "-purpose", "any", "-out", "/dev/null"]).output).toContain("Verification successful");
  });
});
