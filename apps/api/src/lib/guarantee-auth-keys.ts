// The authentication key (認証キー) of an issued guarantee: made here at issue (and at each re-key), shown to the
// contractor and the surety, printed on the key notice, typed by the orderer at the lookup. It is stored twice and
// never in clear: an HMAC-SHA256 the lookup compares in constant time, and an AES-256-GCM copy so the two parties
// can display it again. Both keys are derived from PKI_MASTER_KEY with HKDF under info strings of their own, so
// neither can open anything else (the CA keys are encrypted under the master key itself). Here in lib/ because two
// modules use it: guarantees (issue, re-key, display) and guarantee-lookup (the public lookup compares keys).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { AUTH_KEY_ALPHABET, AUTH_KEY_LENGTH, normalizeAuthKey } from "@pwp/shared/guarantees";

const HMAC_INFO = "pwp/guarantee-auth-key/hmac-sha256/v1";
const ENCRYPTION_INFO = "pwp/guarantee-auth-key/aes-256-gcm/v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key as it is printed: AUTH_KEY_LENGTH characters, each drawn uniformly (crypto.randomInt) from the alphabet. */
export function generateAuthKey(): string {
  let key = "";
  for (let i = 0; i < AUTH_KEY_LENGTH; i++) key += AUTH_KEY_ALPHABET[randomInt(AUTH_KEY_ALPHABET.length)];
  return key;
}

function deriveKey(masterKey: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, new Uint8Array(0), info, 32));
}

/** The associated data binds a ciphertext to its guarantee: a copy pasted onto another row does not open. */
const associatedDataOf = (guaranteeId: string) => Buffer.from(`pwp-guarantee-auth-key:${guaranteeId}`, "utf8");

export type AuthKeys = ReturnType<typeof createAuthKeys>;

export function createAuthKeys(masterKey: Uint8Array) {
  const hmacKey = deriveKey(masterKey, HMAC_INFO);
  const encryptionKey = deriveKey(masterKey, ENCRYPTION_INFO);

  /** Hex HMAC over the guarantee id and the key, so one key value matches one guarantee only. */
  function hashAuthKey(guaranteeId: string, key: string): string {
    return createHmac("sha256", hmacKey).update(`${guaranteeId}\n${key}`, "utf8").digest("hex");
  }

  /** iv ‖ ciphertext ‖ tag, as the Guarantee.authKeyCiphertext column keeps it. */
  function encryptAuthKey(guaranteeId: string, key: string): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", encryptionKey, iv);
    cipher.setAAD(associatedDataOf(guaranteeId));
    const encrypted = Buffer.concat([cipher.update(key, "utf8"), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, encrypted, cipher.getAuthTag()]));
  }

  /** Throws when the master key or the row does not match (a wrong PKI_MASTER_KEY, tampered data). */
  function decryptAuthKey(guaranteeId: string, stored: Uint8Array): string {
    const bytes = Buffer.from(stored);
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error("The stored authentication key is truncated");
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(associatedDataOf(guaranteeId));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  }

  /** A new key with what the guarantee row stores of it. */
  function issueAuthKey(guaranteeId: string): { authKey: string; authKeyHash: string; authKeyCiphertext: Uint8Array<ArrayBuffer> } {
    const authKey = generateAuthKey();
    return { authKey, authKeyHash: hashAuthKey(guaranteeId, authKey), authKeyCiphertext: encryptAuthKey(guaranteeId, authKey) };
  }

  /**
   * Whether `candidate` (as typed: spaces and hyphens ignored) is the guarantee's current key. The comparison of the
   * two HMACs takes the same time wherever they differ; a guarantee without a key matches nothing, after the same
   * HMAC work, so the answer's timing does not say which was the case.
   */
  function verifyAuthKey(guarantee: { id: string; authKeyHash: string | null }, candidate: string): boolean {
    const computed = Buffer.from(hashAuthKey(guarantee.id, normalizeAuthKey(candidate)), "hex");
    const stored = guarantee.authKeyHash !== null && /^[0-9a-f]{64}$/.test(guarantee.authKeyHash) ? Buffer.from(guarantee.authKeyHash, "hex") : null;
    const isEqual = timingSafeEqual(computed, stored ?? Buffer.alloc(computed.length));
    return stored !== null && isEqual;
  }

  // A stand-in for a guarantee that does not exist: a random id and the HMAC of a random key, made once, so a lookup
  // of an unknown number computes the same HMAC and compares 32 bytes with timingSafeEqual like any other.
  const dummy = { id: randomBytes(16).toString("hex"), authKeyHash: hashAuthKey(randomBytes(16).toString("hex"), generateAuthKey()) };

  /**
   * verifyAuthKey for a guarantee found by number, or null when none was: the same work either way (no timing
   * oracle for which numbers exist), and null never matches.
   */
  function verifyAuthKeyOrDummy(guarantee: { id: string; authKeyHash: string | null } | null, candidate: string): boolean {
    const isMatch = verifyAuthKey(guarantee ?? dummy, candidate);
    return guarantee !== null && isMatch;
  }

  return { hashAuthKey, encryptAuthKey, decryptAuthKey, issueAuthKey, verifyAuthKey, verifyAuthKeyOrDummy };
}
