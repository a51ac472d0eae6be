// The platform CAs' private keys at rest: PKCS#8 encrypted with AES-256-GCM under PKI_MASTER_KEY. The additional
// authenticated data binds each ciphertext to its row (role and id), so a key copied onto another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface EncryptedKey {
  encryptedKey: Uint8Array<ArrayBuffer>;
  keyIv: Uint8Array<ArrayBuffer>;
  keyTag: Uint8Array<ArrayBuffer>;
}

/** Thrown when the master key does not open a stored key (a wrong PKI_MASTER_KEY, or tampered data). */
export class MasterKeyMismatchError extends Error {}

function toOwnBytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

export function encryptPrivateKey(masterKey: Uint8Array, pkcs8: Uint8Array, associatedData: string): EncryptedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return { encryptedKey: toOwnBytes(encrypted), keyIv: toOwnBytes(iv), keyTag: toOwnBytes(cipher.getAuthTag()) };
}

export function decryptPrivateKey(masterKey: Uint8Array, stored: EncryptedKey, associatedData: string): Uint8Array<ArrayBuffer> {
  try {
    const decipher = createDecipheriv("aes-256-gcm", masterKey, stored.keyIv);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(stored.keyTag);
    return toOwnBytes(Buffer.concat([decipher.update(stored.encryptedKey), decipher.final()]));
  } catch (error) {
    throw new MasterKeyMismatchError("The stored key could not be decrypted", { cause: error });
  }
}
