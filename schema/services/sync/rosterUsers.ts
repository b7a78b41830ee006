import type { DirectoryUser } from "../../../prisma/database.js";
import { ConflictError } from "../../errors.js";
import type { Tx } from "../transaction.js";
import { lockUsers, UTC_NOW } from "./sql.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The address a directory user is known by in Roster: the primary email, else a userName that is an email. */
function directoryEmail(user: DirectoryUser): { email: string; emailKey: string } | null {
  if (user.email) return { email: user.email, emailKey: user.emailKey ?? user.email.toLowerCase() };
  if (EMAIL.test(user.userName)) return { email: user.userName, emailKey: user.userNameKey };
  return null;
}

function profileOf(user: DirectoryUser) {
  return {
    displayName: user.displayName,
    givenName: user.givenName,
    familyName: user.familyName,
    ...directoryEmail(user),
  };
}

function profileChanged(previous: DirectoryUser, user: DirectoryUser): boolean {
  return JSON.stringify(profileOf(previous)) !== JSON.stringify(profileOf(user));
}

/**
 * Links a directory user to its Roster user (rule 1: an existing user with the
 * same email, case-insensitively, else a new one) and, while linked, makes the
 * IdP's profile the Roster user's (rule 2). Returns the Roster user's id, or
 * null while the directory user has no email to be known by; the Roster
 * user's row is then locked until commit (see lockUsers).
 */
export async function linkRosterUser(tx: Tx, user: DirectoryUser, previous: DirectoryUser | null): Promise<string | null> {
  const profile = profileOf(user);
  if (user.userId) {
    // Writing the profile locks the row; an unchanged profile must lock it all the same.
    if (!previous || profileChanged(previous, user)) await updateProfile(tx, user.userId, profile);
    else await lockUsers(tx, [user.userId]);
    return user.userId;
  }
  if (!profile.emailKey) return null;
  // One statement: upsert the Roster user by email, then link the directory user to it, without
  // counting the link as the IdP changing the directory user (its updatedAt stays).
  const [linked] = await tx.query<{ userId: string }>`
    WITH person AS (
      INSERT INTO "User" (id, email, "emailKey", "displayName", "givenName", "familyName", "createdAt", "updatedAt")
      VALUES (gen_random_uuid(), ${profile.email}, ${profile.emailKey}, ${profile.displayName}, ${profile.givenName},
        ${profile.familyName}, ${UTC_NOW}, ${UTC_NOW})
      ON CONFLICT ("emailKey") DO UPDATE SET email = EXCLUDED.email, "displayName" = EXCLUDED."displayName",
        "givenName" = EXCLUDED."givenName", "familyName" = EXCLUDED."familyName", "updatedAt" = EXCLUDED."updatedAt"
      RETURNING id
    )
    UPDATE "DirectoryUser" SET "userId" = (SELECT id FROM person) WHERE id = ${user.id}::uuid
    RETURNING "userId"::text AS "userId"`;
  return linked.userId;
}

async function updateProfile(tx: Tx, userId: string, profile: ReturnType<typeof profileOf>) {
  if (profile.emailKey) {
    const [holder] = await tx.query<{ id: string }>`SELECT id::text AS id FROM "User" WHERE "emailKey" = ${profile.emailKey}`;
    if (holder && holder.id !== userId) {
      throw new ConflictError(`Another Roster user already has the email ${profile.email}.`);
    }
  }
  await tx.execute`
    UPDATE "User" SET email = coalesce(${profile.email ?? null}, email), "emailKey" = coalesce(${profile.emailKey ?? null}, "emailKey"),
      "displayName" = ${profile.displayName},
      "givenName" = ${profile.givenName}, "familyName" = ${profile.familyName}, "updatedAt" = ${UTC_NOW}
    WHERE id = ${userId}::uuid`;
}
