import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

export interface IssuedSecret {
  /** Shown to the caller once. */
  value: string;
  /** What is stored. */
  hash: string;
  /** A short, non-secret prefix to recognise the secret by. */
  prefix: string;
}

/** A high-entropy secret; a fast hash suffices because it cannot be guessed. */
export function issueSecret(kind: "scim" | "key" | "sess" | "whsec"): IssuedSecret {
  const value = `roster_${kind}_${randomBytes(32).toString("base64url")}`;
  return { value, hash: hashSecret(value), prefix: value.slice(0, kind.length + 12) };
}

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function secretMatches(value: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(value), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}
