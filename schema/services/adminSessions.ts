import type { PrismaClient } from "../../prisma/database.js";
import type { Actor } from "../context.js";
import { hashSecret, issueSecret, verifyPassword } from "./secrets.js";
import type { OrmTx } from "./transaction.js";

const SESSION_DAYS = 14;

/** Checks an admin's email and password; returns a session token to set as a cookie, or null. */
export async function signIn(tx: OrmTx, input: { email: string; password: string }) {
  const user = await tx.orm.user.findUnique({
    where: { emailKey: input.email.trim().toLowerCase() },
    include: { adminAccount: true },
  });
  // Verify against a dummy hash when the account is unknown so timing does not reveal it.
  const stored = user?.adminAccount?.passwordHash ?? DUMMY_HASH;
  const ok = await verifyPassword(input.password, stored);
  if (!ok || !user?.adminAccount) return null;
  const token = issueSecret("sess");
  await tx.orm.adminSession.create({
    data: {
      accountId: user.adminAccount.id,
      tokenHash: token.hash,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    },
  });
  return { token: token.value, maxAgeSeconds: SESSION_DAYS * 86_400 };
}

export async function signOut(tx: OrmTx, sessionToken: string) {
  await tx.orm.adminSession.deleteMany({ where: { tokenHash: hashSecret(sessionToken) } });
}

/** Resolves a session cookie to an admin actor (with the organizations the user administers). */
export async function actorForSession(prisma: PrismaClient, sessionToken: string): Promise<Actor | null> {
  const session = await prisma.adminSession.findUnique({
    where: { tokenHash: hashSecret(sessionToken) },
    include: {
      account: {
        include: {
          user: { include: { memberships: { where: { role: { in: ["OWNER", "ADMIN"] }, status: "ACTIVE" } } } },
        },
      },
    },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return {
    kind: "admin",
    userId: session.account.userId,
    accountId: session.accountId,
    organizationIds: session.account.user.memberships.map((m) => m.organizationId),
  };
}

const DUMMY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
