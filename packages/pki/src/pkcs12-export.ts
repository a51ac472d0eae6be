// Writing a PKCS#12 file (pkcs12.ts reads them). Kept apart from the reader: the server uses this one, the browser
// the other, and the reader names DOM-only WebCrypto types the server's compiler does not know.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer, toBytes } from "./encoding.ts";

type ContentEncryption = Parameters<pkijs.PKCS8ShroudedKeyBag["makeInternalValues"]>[0]["contentEncryptionAlgorithm"];
/**
 * Writes a PKCS#12 file of a private key (which must be extractable) and its certificate chain, encrypted the way
 * openssl 3 does by default and this module reads: PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC for the key,
 * an HMAC-SHA-256 MAC over the whole. Used to hand a server-made key to a person once (the ops bootstrap).
 */
export async function exportPkcs12(input: {
  privateKey: CryptoKey;
  certificateDer: Uint8Array;
  chainDer?: readonly Uint8Array[];
  password: string;
  iterations?: number;
}): Promise<Uint8Array<ArrayBuffer>> {
  const iterations = input.iterations ?? 100_000;
  const password = toArrayBuffer(new TextEncoder().encode(input.password));
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", input.privateKey);
  const leaf = pkijs.Certificate.fromBER(toArrayBuffer(input.certificateDer));
  // localKeyId ties the key to its certificate, as importers expect.
  const localKeyId = new pkijs.Attribute({
    type: "1.2.840.113549.1.9.21",
    values: [new asn1js.OctetString({ valueHex: await crypto.subtle.digest("SHA-1", toArrayBuffer(input.certificateDer)) })],
  });
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) });
  await keyBag.makeInternalValues({
    password,
    contentEncryptionAlgorithm: { name: "AES-CBC", length: 256 } as unknown as ContentEncryption,
    hmacHashAlgorithm: "SHA-256",
    iterationCount: iterations,
  });
  const certificateBag = (certificate: pkijs.Certificate, attributes: pkijs.Attribute[]) =>
    new pkijs.SafeBag({ bagId: "1.2.840.113549.1.12.10.1.3", bagValue: new pkijs.CertBag({ parsedValue: certificate }), ...(attributes.length ? { bagAttributes: attributes } : {}) });
  const safeContents = new pkijs.SafeContents({
    safeBags: [
      new pkijs.SafeBag({ bagId: "1.2.840.113549.1.12.10.1.2", bagValue: keyBag, bagAttributes: [localKeyId] }),
      certificateBag(leaf, [localKeyId]),
      ...(input.chainDer ?? []).map((der) => certificateBag(pkijs.Certificate.fromBER(toArrayBuffer(der)), [])),
    ],
  });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({ parsedValue: { safeContents: [{ privacyMode: 0, value: safeContents }] } }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}] });
  await pfx.makeInternalValues({ password, iterations, pbkdf2HashAlgorithm: { name: "SHA-256" }, hmacHashAlgorithm: "SHA-256" });
  return toBytes(pfx.toSchema().toBER(false));
}
