import { parse as parseCookies } from "cookie";
import type { PrismaClient } from "../prisma/database.js";
import type { Actor } from "../schema/context.js";
import { actorForSession } from "../schema/services/adminSessions.js";
import { hashSecret, secretMatches } from "../schema/services/secrets.js";

export const SESSION_COOKIE = "roster_session";

export function bearerToken(authorization: string | undefined | null): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "");
  return match ? match[1].trim() : null;
}

/**
 * Resolves the GraphQL caller: an operator key, an organization API key, or
 * an admin's session cookie. Directory tokens are for SCIM only.
 */
export async function resolveActor(
  prisma: PrismaClient,
  operatorKeyHashes: string[],
  headers: { authorization?: string | null; cookie?: string | null },
): Promise<Actor> {
  const token = bearerToken(headers.authorization);
  if (token) {
    if (operatorKeyHashes.some((hash) => secretMatches(token, hash))) return { kind: "operator" };
    const apiKey = await prisma.apiKey.findUnique({ where: { keyHash: hashSecret(token) } });
    if (apiKey && !apiKey.revokedAt) return { kind: "apiKey", apiKeyId: apiKey.id, organizationId: apiKey.organizationId };
    return { kind: "anonymous" };
  }
  const session = headers.cookie ? parseCookies(headers.cookie)[SESSION_COOKIE] : undefined;
  if (session) return (await actorForSession(prisma, session)) ?? { kind: "anonymous" };
  return { kind: "anonymous" };
}
