import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { ENTERPRISE_SCHEMA, ERROR_SCHEMA, newDirectory, USER_SCHEMA } from "../../support/scim.js";

describeEachDatabase("SCIM Users", (kind) => {
  const t = useTestApp(kind);

  it("creates a user (201, Location, meta, ETag) and never stores the password", async () => {
    const scim = await newDirectory(t);
    const created = await scim.post(
      "/Users",
      {
        schemas: [USER_SCHEMA],
        userName: "test.user@okta.local",
        name: { givenName: "Test", familyName: "User" },
        emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
        displayName: "Test User",
        locale: "en-US",
        externalId: "00ujl29u0le5T6Aj10h7",
        groups: [],
        password: "1mz050nq",
        active: true,
      },
      { "content-type": "application/json" },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: "test.user@okta.local",
      externalId: "00ujl29u0le5T6Aj10h7",
      displayName: "Test User",
      locale: "en-US",
      active: true,
      meta: { resourceType: "User", version: 'W/"1"' },
    });
    expect(created.body.password).toBeUndefined();
    expect(created.body.groups).toBeUndefined();
    expect(created.headers.get("location")).toBe(`${scim.baseUrl}/Users/${created.body.id}`);
    expect(created.body.meta.location).toBe(created.headers.get("location"));
    expect(created.headers.get("etag")).toBe('W/"1"');
    expect(created.headers.get("content-type")).toMatch(/^application\/scim\+json/);

    const rows = await t.db.prisma.$queryRawUnsafe<{ raw: unknown }[]>(`SELECT raw FROM "DirectoryUser"`);
    expect(JSON.stringify(rows)).not.toContain("1mz050nq");

    const fetched = await scim.get(`/Users/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it("refuses a duplicate userName in any letter case with 409 uniqueness, keeping the first", async () => {
    const scim = await newDirectory(t);
    const first = await scim.createUser("dup@example.com");
    const again = await scim.post("/Users", { schemas: [USER_SCHEMA], userName: "DUP@Example.com" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "409", scimType: "uniqueness" });
    const list = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "dup@example.com"')}`);
    expect(list.body.Resources.map((u: { id: string }) => u.id)).toEqual([first.id]);
  });

  it("creates exactly one user when two identical creates race", async () => {
    const scim = await newDirectory(t);
    const body = { schemas: [USER_SCHEMA], userName: "race@example.com" };
    const results = await Promise.all([1, 2, 3, 4].map(() => scim.post("/Users", body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const list = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "race@example.com"')}`);
    expect(list.body.totalResults).toBe(1);
  });

  it("lets two directories hold the same userName without seeing each other", async () => {
    const a = await newDirectory(t);
    const b = await newDirectory(t);
    const userA = await a.createUser("same@example.com");
    await b.createUser("same@example.com");
    expect((await a.get("/Users")).body.totalResults).toBe(1);
    expect((await b.get(`/Users/${userA.id}`)).status).toBe(404);
    expect((await b.put(`/Users/${userA.id}`, { userName: "stolen@example.com" })).status).toBe(404);
    expect((await b.patch(`/Users/${userA.id}`, [{ op: "replace", value: { active: false } }])).status).toBe(404);
    expect((await b.delete(`/Users/${userA.id}`)).status).toBe(404);
    expect((await a.get(`/Users/${userA.id}`)).body).toMatchObject({ userName: "same@example.com", active: true });
  });

  it("replaces a user with PUT, ignoring the read-only attributes Okta echoes", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("put@example.com", { externalId: "ext-1", title: "Engineer" });
    const replaced = await scim.put(`/Users/${user.id}`, {
      schemas: [USER_SCHEMA],
      id: "someone-else",
      userName: "put@example.com",
      name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      emails: [{ primary: true, value: "put@example.com", type: "work", display: "put@example.com" }],
      active: true,
      groups: [],
      meta: { resourceType: "User" },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: user.id,
      name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      meta: { version: 'W/"2"' },
    });
    // PUT replaces: attributes it leaves out are gone.
    expect(replaced.body.title).toBeUndefined();
    expect(replaced.body.externalId).toBeUndefined();
  });

  it("deactivates and reactivates by PATCH and by PUT; GET still returns inactive users", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("active@example.com");
    const off = await scim.patch(`/Users/${user.id}`, [{ op: "replace", value: { active: false } }]);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await scim.get(`/Users/${user.id}`)).body.active).toBe(false);
    const on = await scim.put(`/Users/${user.id}`, { schemas: [USER_SCHEMA], userName: "active@example.com", active: true });
    expect(on.body.active).toBe(true);
    const offAgain = await scim.patch(`/Users/${user.id}`, [{ op: "Replace", path: "active", value: "False" }]);
    expect(offAgain.body.active).toBe(false);
  });

  it("keeps the enterprise extension and unknown extension attributes", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("ent@example.com", {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, "urn:ietf:params:scim:schemas:extension:acme:2.0:User"],
      [ENTERPRISE_SCHEMA]: {
        employeeNumber: "701984",
        department: "Tour Operations",
        costCenter: "4130",
        organization: "Universal Studios",
        division: "Theme Park",
        manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" },
      },
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User": { badge: "B-12" },
    });
    const fetched = await scim.get(`/Users/${user.id}`);
    expect(fetched.body.schemas).toEqual([
      USER_SCHEMA,
      ENTERPRISE_SCHEMA,
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User",
    ]);
    expect(fetched.body[ENTERPRISE_SCHEMA]).toMatchObject({ employeeNumber: "701984", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } });
    expect(fetched.body["urn:ietf:params:scim:schemas:extension:acme:2.0:User"]).toEqual({ badge: "B-12" });
  });

  it("applies a PATCH atomically: one bad operation changes nothing", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("atomic@example.com", { displayName: "Before" });
    const failed = await scim.patch(`/Users/${user.id}`, [
      { op: "replace", path: "displayName", value: "After" },
      { op: "replace", path: "id", value: "x" },
    ]);
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "400", scimType: "mutability" });
    const fetched = await scim.get(`/Users/${user.id}`);
    expect(fetched.body.displayName).toBe("Before");
    expect(fetched.body.meta.version).toBe('W/"1"');
  });

  it("answers PATCH with 204 for Entra ID directories", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const user = await scim.createUser("entra@example.com");
    const patched = await scim.patch(`/Users/${user.id}`, [{ op: "Replace", path: "userName", value: "newusername" }]);
    expect(patched.status).toBe(204);
    expect((await scim.get(`/Users/${user.id}`)).body.userName).toBe("newusername");
  });

  it("honours If-Match on PUT, PATCH and DELETE with 412 on mismatch", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("etag@example.com");
    const stale = { "if-match": 'W/"7"' };
    expect((await scim.put(`/Users/${user.id}`, { userName: "etag@example.com" }, stale)).status).toBe(412);
    expect((await scim.patch(`/Users/${user.id}`, [{ op: "replace", value: { active: false } }], stale)).status).toBe(412);
    const refused = await scim.delete(`/Users/${user.id}`, stale);
    expect(refused.status).toBe(412);
    expect(refused.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "412" });
    const ok = await scim.patch(`/Users/${user.id}`, [{ op: "replace", value: { displayName: "E" } }], { "if-match": 'W/"1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('W/"2"');
    expect((await scim.get(`/Users/${user.id}`, { "if-none-match": 'W/"2"' })).status).toBe(304);
    expect((await scim.delete(`/Users/${user.id}`, { "if-match": 'W/"2"' })).status).toBe(204);
  });

  it("deletes with 204, then answers 404 with the SCIM error schema", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("gone@example.com");
    const deleted = await scim.delete(`/Users/${user.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    for (const response of [await scim.get(`/Users/${user.id}`), await scim.delete(`/Users/${user.id}`)]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "404" });
      expect(response.body.detail).toBeTruthy();
    }
    expect((await scim.get("/Users/010101001010101011001010101011")).status).toBe(404);
  });

  it("rejects a user without userName as invalidValue and a non-object body as invalidSyntax", async () => {
    const scim = await newDirectory(t);
    const missing = await scim.post("/Users", { schemas: [USER_SCHEMA], name: { givenName: "No" } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ status: "400", scimType: "invalidValue" });
    const array = await scim.post("/Users", [1, 2]);
    expect(array.status).toBe(400);
    expect(array.body.scimType).toBe("invalidSyntax");
    const badBoolean = await scim.post("/Users", { userName: "b@example.com", active: "maybe" });
    expect(badBoolean.status).toBe(400);
    expect((await scim.get("/Users")).body.totalResults).toBe(0);
  });

  it("refuses characters PostgreSQL cannot store with 400 invalidValue, and ignores undefined attributes", async () => {
    const scim = await newDirectory(t);
    for (const displayName of ["a\u0000b", "\ud800"]) {
      const response = await scim.post("/Users", { userName: "nul@example.com", displayName });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: "400", scimType: "invalidValue" });
    }
    const user = await scim.createUser("typo@example.com");
    const patched = await scim.patch(`/Users/${user.id}`, [{ op: "add", path: "nickName", value: "\u0000" }]);
    expect(patched.status).toBe(400);
    const put = await scim.put(`/Users/${user.id}`, { userName: "typo@example.com", adreses: [{ country: "Germany" }] });
    expect(put.status).toBe(200);
    expect(put.body.adreses).toBeUndefined();
    const explicit = await scim.patch(`/Users/${user.id}`, [{ op: "add", path: "adreses", value: "x" }]);
    expect(explicit.body).toMatchObject({ status: "400", scimType: "invalidPath" });
  });

  it("accepts Entra's create body with its typo'd extension URN and capitalised sub-attributes", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const created = await scim.post("/Users", {
      schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
      externalId: "jyoung",
      userName: "jyoung@testuser.com",
      active: "True",
      addresses: null,
      displayName: "Joy Young",
      emails: [{ type: "work", value: "jyoung@Contoso.com", Primary: true }],
      meta: { resourceType: "User" },
      name: { familyName: "Young", givenName: "Joy" },
      phoneNumbers: null,
      preferredLanguage: null,
      title: null,
      department: null,
      manager: null,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      active: true,
      emails: [{ type: "work", value: "jyoung@Contoso.com", primary: true }],
    });
    expect(created.body.title).toBeUndefined();
    const withDepartment = await scim.post("/Users", {
      schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
      userName: "dept@testuser.com",
      department: "Sales",
      manager: null,
    });
    expect(withDepartment.status).toBe(201);
    expect(withDepartment.body[ENTERPRISE_SCHEMA]).toEqual({ department: "Sales" });
    expect(withDepartment.body.department).toBeUndefined();
    const byExternalId = await scim.get(`/Users?filter=${encodeURIComponent("externalId eq jyoung")}`);
    expect(byExternalId.body.totalResults).toBe(1);
  });
});
