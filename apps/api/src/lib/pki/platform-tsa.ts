// The platform's RFC 3161 time-stamping authority: answers requests for the public endpoint, and stamps directly
// for code in the same process (the demo seed signs its contract with it).
import { randomSerialNumberHex } from "@pwp/pki/ca";
import { answerTimestampRequest, createTimestampRequest, parseTimestampResponse, type TimestampAnswer } from "@pwp/pki/tsa";
import type { PlatformCas } from "./platform-ca.ts";

/**
 * The TSA policy under which time stamps are issued: the platform's arc 1.3.6.1.4.1.55555, .1 = TSA, .1 = policy
 * version 1 (SHA-256 imprints only, accuracy 1 s, time from the server's NTP-disciplined clock).
 */
export const TSA_POLICY_OID = "1.3.6.1.4.1.55555.1.1";

export function answerPlatformTimestampRequest(cas: PlatformCas, requestDer: Uint8Array, genTime: Date): Promise<TimestampAnswer> {
  return answerTimestampRequest({
    requestDer,
    tsaCertificateDer: cas.tsa.certificateDer,
    tsaPrivateKey: cas.tsa.privateKey,
    certificatesDer: [cas.issuing.certificateDer],
    genTime,
    serialNumberHex: randomSerialNumberHex(),
    policyOid: TSA_POLICY_OID,
  });
}

/** A TimeStampToken over `data`, as a signer in this process would get it over HTTP, and its serial number. */
export async function stampWithPlatformTsa(cas: PlatformCas, data: Uint8Array, genTime: Date): Promise<{ tokenDer: Uint8Array; serialNumberHex: string }> {
  const answer = await answerPlatformTimestampRequest(cas, await createTimestampRequest({ data }), genTime);
  const response = await parseTimestampResponse(answer.responseDer);
  if (!response.isGranted || !response.tokenDer || !response.serialNumberHex) {
    throw new Error(`The platform TSA refused to stamp: ${answer.detail ?? answer.problem ?? "unknown"}`);
  }
  return { tokenDer: response.tokenDer, serialNumberHex: response.serialNumberHex };
}
