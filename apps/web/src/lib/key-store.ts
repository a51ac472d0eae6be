// The browser's key store: signing keys made here (or imported from a PKCS#12 file) live in IndexedDB as
// non-extractable CryptoKeys. IndexedDB keeps the CryptoKey object itself (structured clone), so the key material
// can sign but can never be read out by a script, exported, or sent to the server. Clearing the site's data
// deletes the keys; the certificate page tells users so and offers a reissue.
// Records carry the user id: one browser profile may be shared by several users of the platform on one origin,
// and each only ever sees and uses their own keys. Pure functions, no React; no pkijs either (only types), so the
// sign-in page can use this module without pulling the ASN.1 stack into its bundle.
import type { KeyAlgorithm } from "@pwp/pki/certificate";

const DATABASE_NAME = "pwp-keys";
const DATABASE_VERSION = 1;
const STORE_NAME = "keys";
const USER_INDEX = "userId";

export type StoredKey = {
  id: string;
  userId: string;
  /** Set once the certificate for this key is known (issued, renewed, reissued or imported). */
  certificateId: string | null;
  /** The certificate request made with this key, while no certificate is attached yet. */
  requestId: string | null;
  keyAlgorithm: KeyAlgorithm;
  /** Non-extractable, usage ["sign"]. */
  privateKey: CryptoKey;
  /** Extractable (public keys always are), usage ["verify"]: exported as SPKI to match a certificate. */
  publicKey: CryptoKey;
  /** ISO 8601. */
  createdAt: string;
};

/** The key types a user can generate here; RSA 2048 for systems that do not take ECDSA yet. */
export type SigningKeyType = "EC-P256" | "RSA-2048";

export class KeyStoreError extends Error {
  override readonly name = "KeyStoreError";
  readonly code: "UNAVAILABLE" | "EXTRACTABLE_KEY" | "NOT_FOUND";

  constructor(code: KeyStoreError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The algorithm a generated key pair of this type signs with (SHA-256 in both cases). */
function generationParamsOf(type: SigningKeyType): EcKeyGenParams | RsaHashedKeyGenParams {
  if (type === "EC-P256") return { name: "ECDSA", namedCurve: "P-256" };
  // 65537, the usual public exponent.
  return { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
}

export function keyAlgorithmOf(type: SigningKeyType): KeyAlgorithm {
  return type === "EC-P256" ? "EC-P256" : "RSA";
}

/**
 * A new key pair for signing: the private key is non-extractable from the moment it exists (WebCrypto applies
 * `extractable` to the private key of a pair; the public key is always exportable).
 */
export async function generateSigningKeyPair(type: SigningKeyType): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(generationParamsOf(type), false, ["sign", "verify"]);
}

/** The public key as DER SubjectPublicKeyInfo: the bytes a certificate carries, so the two can be compared. */
export async function exportPublicKeySpki(publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey("spki", publicKey));
}

// ---- IndexedDB ----------------------------------------------------------------------------------------------

let databasePromise: Promise<IDBDatabase> | null = null;

function openDatabase(): Promise<IDBDatabase> {
  databasePromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new KeyStoreError("UNAVAILABLE", "This browser has no IndexedDB (a private window may disable it)."));
      return;
    }
    const opening = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    opening.onupgradeneeded = () => {
      const database = opening.result;
      if (!database.objectStoreNames.contains(STORE_NAME)) {
        const store = database.createObjectStore(STORE_NAME, { keyPath: "id" });
        store.createIndex(USER_INDEX, "userId", { unique: false });
      }
    };
    opening.onsuccess = () => {
      const database = opening.result;
      // Another tab upgrading the database (a later version of the app) must not be blocked by this one.
      database.onversionchange = () => {
        database.close();
        databasePromise = null;
      };
      resolve(database);
    };
    opening.onerror = () => reject(new KeyStoreError("UNAVAILABLE", "The browser's key store could not be opened.", { cause: opening.error }));
    opening.onblocked = () => reject(new KeyStoreError("UNAVAILABLE", "The key store is in use by an older tab of this site: close it and try again."));
  }).catch((error: unknown) => {
    // A failed open is not cached: the next call tries again.
    databasePromise = null;
    throw error;
  });
  return databasePromise;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `work` in one transaction and resolves with its result once the transaction has committed. */
async function inTransaction<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  const transaction = database.transaction(STORE_NAME, mode);
  const committed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new KeyStoreError("UNAVAILABLE", "The key store transaction was aborted."));
  });
  let result: T;
  try {
    result = await work(transaction.objectStore(STORE_NAME));
  } catch (error) {
    // Nothing half-done is kept; the abort's own rejection is not the error to report.
    committed.catch(() => undefined);
    try {
      transaction.abort();
    } catch {
      // The transaction had already finished or failed by itself.
    }
    throw error;
  }
  await committed;
  return result;
}

function byNewestFirst(a: StoredKey, b: StoredKey): number {
  return b.createdAt.localeCompare(a.createdAt);
}

// ---- the store's functions ----------------------------------------------------------------------------------

export type SaveKeyInput = {
  userId: string;
  keyAlgorithm: KeyAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  requestId?: string | null;
  certificateId?: string | null;
};

/** Stores a key pair for a user. Refuses an extractable private key: nothing in this store may ever be exported. */
export async function saveKey(input: SaveKeyInput): Promise<StoredKey> {
  if (input.privateKey.extractable) throw new KeyStoreError("EXTRACTABLE_KEY", "Only non-extractable private keys are stored.");
  const record: StoredKey = {
    id: crypto.randomUUID(),
    userId: input.userId,
    certificateId: input.certificateId ?? null,
    requestId: input.requestId ?? null,
    keyAlgorithm: input.keyAlgorithm,
    privateKey: input.privateKey,
    publicKey: input.publicKey,
    createdAt: new Date().toISOString(),
  };
  await inTransaction("readwrite", (store) => requestResult(store.add(record)));
  return record;
}

/** The user's keys in this browser, newest first. */
export async function listKeys(userId: string): Promise<StoredKey[]> {
  const keys = await inTransaction("readonly", (store) => requestResult(store.index(USER_INDEX).getAll(IDBKeyRange.only(userId)) as IDBRequest<StoredKey[]>));
  return keys.sort(byNewestFirst);
}

/** The key this browser holds for one of the user's certificates, or null (another browser, or data cleared). */
export async function findKeyForCertificate(userId: string, certificateId: string): Promise<StoredKey | null> {
  const keys = await listKeys(userId);
  return keys.find((key) => key.certificateId === certificateId) ?? null;
}

/** The user's key whose public key is exactly this SubjectPublicKeyInfo (DER), e.g. a certificate's. */
export async function findKeyByPublicKey(userId: string, publicKeySpki: Uint8Array): Promise<StoredKey | null> {
  for (const key of await listKeys(userId)) {
    if (isSameBytes(await exportPublicKeySpki(key.publicKey), publicKeySpki)) return key;
  }
  return null;
}

/**
 * Finds, for each of the user's certificates, the key this browser holds for it, and records the link on keys
 * that did not have it yet (a request approved by the representative while this page was closed). The caller
 * passes each certificate's SubjectPublicKeyInfo (from parseCertificate), so this module needs no ASN.1 code.
 * Returns certificate id → key for the certificates whose key is here.
 */
export async function matchKeysToCertificates(
  userId: string,
  certificates: readonly { id: string; publicKeySpki: Uint8Array }[],
): Promise<Map<string, StoredKey>> {
  const keys = await listKeys(userId);
  const matched = new Map<string, StoredKey>();
  const spkiByKeyId = new Map<string, Uint8Array>();
  const linkedKeyIds = new Set<string>();
  for (const key of keys) spkiByKeyId.set(key.id, await exportPublicKeySpki(key.publicKey));
  for (const certificate of certificates) {
    const key = keys.find((candidate) => isSameBytes(spkiByKeyId.get(candidate.id) ?? new Uint8Array(), certificate.publicKeySpki));
    if (!key) continue;
    // A renewal may keep its key: then one key serves several certificates and stays linked to the first given
    // (callers pass the newest first).
    const isLinkedHere = key.certificateId === certificate.id || linkedKeyIds.has(key.id);
    matched.set(certificate.id, isLinkedHere ? key : await attachCertificate(key.id, certificate.id));
    linkedKeyIds.add(key.id);
  }
  return matched;
}

/** Records which certificate a stored key belongs to (after issuance or import). */
export async function attachCertificate(keyId: string, certificateId: string): Promise<StoredKey> {
  return updateKey(keyId, (key) => ({ ...key, certificateId }));
}

/** Records the certificate request made with a stored key (the request id is known only after the POST). */
export async function attachRequest(keyId: string, requestId: string): Promise<StoredKey> {
  return updateKey(keyId, (key) => ({ ...key, requestId }));
}

export async function deleteKey(keyId: string): Promise<void> {
  await inTransaction("readwrite", (store) => requestResult(store.delete(keyId)));
}

async function updateKey(keyId: string, change: (key: StoredKey) => StoredKey): Promise<StoredKey> {
  return inTransaction("readwrite", async (store) => {
    const key = (await requestResult(store.get(keyId))) as StoredKey | undefined;
    if (!key) throw new KeyStoreError("NOT_FOUND", "This key is no longer in the browser's key store.");
    const updated = change(key);
    await requestResult(store.put(updated));
    return updated;
  });
}

function isSameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
