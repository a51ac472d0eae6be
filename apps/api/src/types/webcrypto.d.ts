// The WebCrypto type names that @pwp/pki uses (it is written for the browser's DOM lib), taken from Node's own
// WebCrypto types: the API compiles without the DOM lib, yet runs the same package on globalThis.crypto.
import type { webcrypto } from "node:crypto";

declare global {
  type CryptoKey = webcrypto.CryptoKey;
  type CryptoKeyPair = webcrypto.CryptoKeyPair;
  type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm;
  type RsaHashedKeyAlgorithm = webcrypto.RsaHashedKeyAlgorithm;
}
