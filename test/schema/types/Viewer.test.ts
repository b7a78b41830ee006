import { expect, it } from "vitest";
import { adminGql, rawId, signInAdmin } from "../../support/admin.js";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createOrganization, expectData } from "../../support/fixtures.js";

const VIEWER = `{ viewer { user { email displayName } organizations { id slug } } }`;

interface ViewerData {
  viewer: { user: { email: string; displayName: string }; organizations: { id: string; slug: string }[] } | null;
}

describeEachDatabase("Query.viewer", (kind) => {
  const t = useTestApp(kind);

  it("is the signed-in admin with only the organizations they own or administer", async () => {
    const owned = await createOrganization(t);
    const administered = await createOrganization(t);
    const memberOnly = await createOrganization(t);
    await createOrganization(t);
    const admin = await signInAdmin(t, [owned.id]);
    await t.db.prisma.membership.create({ data: { organizationId: rawId(administered.id), userId: admin.userId, role: "ADMIN" } });
    await t.db.prisma.membership.create({ data: { organizationId: rawId(memberOnly.id), userId: admin.userId, role: "MEMBER" } });
    // The session resolves memberships on each request, so these count at once.
    const { viewer } = expectData<ViewerData>(await adminGql(t, admin, VIEWER));
    expect(viewer?.user).toEqual({ email: admin.email, displayName: "Test Admin" });
    expect(viewer?.organizations.map((o) => o.slug).sort()).toEqual([owned.slug, administered.slug].sort());
  });

  it("is null for anonymous callers, API keys and operators", async () => {
    expect(expectData<ViewerData>(await t.gql(VIEWER, {}, null)).viewer).toBeNull();
    expect(expectData<ViewerData>(await t.gql(VIEWER)).viewer).toBeNull();
  });

  it("is null again after sign-out", async () => {
    const org = await createOrganization(t);
    const admin = await signInAdmin(t, [org.id]);
    expect(expectData<ViewerData>(await adminGql(t, admin, VIEWER)).viewer).not.toBeNull();
    const out = await fetch(`${t.url}/auth/sign-out`, { method: "POST", headers: { cookie: admin.cookie } });
    expect(out.status).toBe(204);
    expect(expectData<ViewerData>(await adminGql(t, admin, VIEWER)).viewer).toBeNull();
  });
});
