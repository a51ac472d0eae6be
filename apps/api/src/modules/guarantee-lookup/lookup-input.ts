// What people type into the lookup, made comparable: the number and key come from paper (the key notice), a QR code
// or a phone call, in Korean or Japanese input modes that produce full-width digits and letters and many dashes.
import { isIP } from "node:net";

/** Hyphens, dashes and minus signs (after NFKC), and the katakana prolonged sound mark a Japanese IME types for "-". */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc\uff70]/g;

/** NFKC (full-width ０-９ and Ａ-ｚ become ASCII), without spaces and dashes. */
function compact(input: string): string {
  return input.normalize("NFKC").replace(SEPARATORS, "");
}

/**
 * The number as stored (00000-000000) when the input is its 11 digits with or without the hyphen; anything else
 * compacted, which matches no guarantee and is counted like any wrong number (never a 400 that would differ).
 */
export function normalizeGuaranteeNumber(input: string): string {
  const digits = compact(input);
  return /^[0-9]{11}$/.test(digits) ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits.slice(0, 40);
}

/** The key as it is hashed: the notice prints it 4-4-4-2; letters keep their case (the alphabet has both). */
export function normalizeAuthKeyInput(input: string): string {
  return compact(input);
}

/**
 * The per-address counter's subject: an IPv4 address as it is (also when IPv4-mapped), an IPv6 address by its /64,
 * since one subscriber routinely holds a whole /64 and could otherwise rotate through it.
 */
export function addressSubjectOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
