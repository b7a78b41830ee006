import { randomBytes } from "node:crypto";
import type { OrmTx } from "./transaction.js";
import { hashPassword } from "./secrets.js";

export interface DemoSeed {
  email: string;
  password: string;
}

/**
 * Seeds the demo organization and its admin when the database holds no
 * organization yet; returns the sign-in details to print, or null.
 */
export async function seedDemo(tx: OrmTx, options: { password?: string } = {}): Promise<DemoSeed | null> {
  if ((await tx.orm.organization.count()) > 0) return null;
  const email = "admin@demo.roster.local";
  const password = options.password ?? randomBytes(9).toString("base64url");
  const organization = await tx.orm.organization.create({ data: { slug: "demo", name: "Demo" } });
  await tx.orm.team.createMany({
    data: ["Engineering", "Sales", "Support"].map((name) => ({
      organizationId: organization.id,
      name,
      slug: name.toLowerCase(),
    })),
  });
  const user = await tx.orm.user.create({
    data: { email, emailKey: email, displayName: "Demo Admin", givenName: "Demo", familyName: "Admin" },
  });
  await tx.orm.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "OWNER" } });
  await tx.orm.adminAccount.create({ data: { userId: user.id, passwordHash: await hashPassword(password) } });
  return { email, password };
}
