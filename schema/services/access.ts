import type { PrismaClient } from "../../prisma/database.js";
import type { Actor } from "../context.js";
import { ForbiddenError } from "../errors.js";

/** Reads and writes of organization data: operators, that organization's keys and admins. */
export function canAccessOrganization(actor: Actor, organizationId: string): boolean {
  switch (actor.kind) {
    case "operator":
      return true;
    case "apiKey":
      return actor.organizationId === organizationId;
    case "admin":
      return actor.organizationIds.includes(organizationId);
    default:
      return false;
  }
}

/**
 * A directory's own token reaches only that directory; organization access
 * reaches all of its directories. Answered without a promise when no lookup
 * is needed: GraphQL checks it for every object of a SCIM page, and a list
 * whose checks are synchronous completes without a promise per element.
 */
export function canAccessDirectory(
  prisma: Pick<PrismaClient, "directory">,
  actor: Actor,
  directoryId: string,
): boolean | Promise<boolean> {
  if (actor.kind === "directory") return actor.directoryId === directoryId;
  if (actor.kind === "operator") return true;
  if (actor.kind === "anonymous") return false;
  return prisma.directory
    .findUnique({ where: { id: directoryId }, select: { organizationId: true } })
    .then((directory) => directory !== null && canAccessOrganization(actor, directory.organizationId));
}

export function requireOrganizationAccess(actor: Actor, organizationId: string): void {
  if (!canAccessOrganization(actor, organizationId)) {
    throw new ForbiddenError("This credential has no access to that organization.");
  }
}

export async function requireDirectoryAccess(
  prisma: Pick<PrismaClient, "directory">,
  actor: Actor,
  directoryId: string,
): Promise<void> {
  if (!(await canAccessDirectory(prisma, actor, directoryId))) {
    throw new ForbiddenError("This credential has no access to that directory.");
  }
}

export function requireOperator(actor: Actor): void {
  if (actor.kind !== "operator") throw new ForbiddenError("Only an operator key may do this.");
}
