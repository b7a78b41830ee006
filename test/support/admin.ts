import { randomBytes } from "node:crypto";
import { hashPassword } from "../../schema/services/secrets.js";
import type { GraphQLResult, TestApp } from "./app.js";

export interface TestAdmin {
  userId: string;
  email: string;
  password: string;
  /** The `roster_session=…` cookie the server set at sign-in. */
  cookie: string;
}

/** The database id inside a Relay global id ("Type:uuid", base64). */
export function rawId(globalId: string): string {
  return Buffer.from(globalId, "base64").toString("utf8").split(":").slice(1).join(":");
}

/** Creates a user with an admin account and gives it a role in each organization (global ids). */
export async function createAdmin(
  t: TestApp,
  organizationIds: string[],
  role: "OWNER" | "ADMIN" | "MEMBER" = "OWNER",
): Promise<Omit<TestAdmin, "cookie">> {
  const email = `admin-${randomBytes(4).toString("hex")}@example.com`;
  const password = randomBytes(12).toString("base64url");
  const user = await t.db.prisma.user.create({
    data: { email, emailKey: email, displayName: "Test Admin", givenName: "Test", familyName: "Admin" },
  });
  for (const organizationId of organizationIds) {
    await t.db.prisma.membership.create({ data: { organizationId: rawId(organizationId), userId: user.id, role } });
  }
  await t.db.prisma.adminAccount.create({ data: { userId: user.id, passwordHash: await hashPassword(password) } });
  return { userId: user.id, email, password };
}

/** createAdmin, then signs in over HTTP as the web UI does. */
export async function signInAdmin(
  t: TestApp,
  organizationIds: string[],
  role: "OWNER" | "ADMIN" | "MEMBER" = "OWNER",
): Promise<TestAdmin> {
  const admin = await createAdmin(t, organizationIds, role);
  const response = await fetch(`${t.url}/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (response.status !== 204) throw new Error(`sign-in answered ${response.status}`);
  return { ...admin, cookie: response.headers.get("set-cookie")!.split(";")[0] };
}

/** Runs a GraphQL operation over HTTP as a signed-in admin (by session cookie, as the web UI does). */
export async function adminGql<T = any>(
  t: TestApp,
  admin: TestAdmin,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: admin.cookie },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<GraphQLResult<T>>;
}
