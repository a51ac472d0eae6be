import { describe, expect, it } from "vitest";
import { compareBytes, concatBytes, fromBase64, fromHex, fromPem, isEqualBytes, sha256, toBase64, toHex, toPem } from "../src/encoding.ts";
import { buildName, formatDn, formatName, readName } from "../src/names.ts";

describe("encoding", () => {
  it("round-trips hex, base64 and multi-block PEM", () => {
    const bytes = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff));
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(fromHex("0A:ff 10")).toEqual(new Uint8Array([10, 255, 16]));
    expect(() => fromHex("abc")).toThrow(TypeError);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    const pem = toPem(bytes, "CERTIFICATE") + "junk between\n" + toPem(new Uint8Array([1, 2]), "X509 CRL");
    expect(pem.split("\n").every((line) => line.length <= 64)).toBe(true);
    expect(fromPem(pem)).toEqual([
      { label: "CERTIFICATE", der: bytes },
      { label: "X509 CRL", der: new Uint8Array([1, 2]) },
    ]);
    expect(fromPem(pem.replace(/\n/g, "\r\n"))[0]?.der).toEqual(bytes);
  });

  it("compares, concatenates and hashes", async () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(), new Uint8Array([2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBeLessThan(0);
    expect(compareBytes(new Uint8Array([2]), new Uint8Array([1, 9]))).toBeGreaterThan(0);
    expect(isEqualBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(isEqualBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(toHex(await sha256(new TextEncoder().encode("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("names", () => {
  it("builds one RDN per attribute, reads it back and formats it like openssl", () => {
    const name = { commonName: "田中, \"一郎\"", organizationName: "대한건설", organizationIdentifier: "KR-1248100998", serialNumber: "u_1", country: "KR" };
    const rdns = buildName(name);
    expect(readName(rdns)).toEqual(name);
    expect(formatDn(rdns)).toBe('C=KR, O=대한건설, organizationIdentifier=KR-1248100998, CN=田中\\, \\"一郎\\", serialNumber=u_1');
    expect(formatName({ commonName: " x " })).toBe("CN=\\ x\\ ");
    // SEQUENCE of five SETs, each holding one attribute.
    const schema = rdns.toSchema();
    expect(schema.valueBlock.value).toHaveLength(5);
    expect(() => buildName({ commonName: "" })).toThrow(TypeError);
    expect(() => buildName({ commonName: "x", country: "Korea" })).toThrow(TypeError);
  });
});
