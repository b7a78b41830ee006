import { beforeAll, expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { LIST_SCHEMA, newDirectory, type ScimClient } from "../../support/scim.js";

describeEachDatabase("SCIM listing", (kind) => {
  const t = useTestApp(kind);
  let scim: ScimClient;
  const names = Array.from({ length: 12 }, (_, i) => `user${String(i).padStart(2, "0")}@example.com`);
  const ids: string[] = [];

  beforeAll(async () => {
    scim = await newDirectory(t);
    for (const [i, name] of names.entries()) {
      const user = await scim.createUser(name, {
        name: { givenName: `G${i}`, familyName: i % 2 ? "Odd" : "Even" },
        emails: [{ value: name, type: "work", primary: true }, { value: `home${i}@example.org`, type: "home" }],
        active: i !== 3,
      });
      ids.push(user.id);
    }
  });

  const list = (query: string) => scim.get(`/Users?${query}`);

  it("pages with 1-based startIndex and count in a stable order, totalResults from the database", async () => {
    const seen: string[] = [];
    for (let page = 0; page < 3; page += 1) {
      const response = await list(`startIndex=${page * 5 + 1}&count=5`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 12, startIndex: page * 5 + 1 });
      expect(response.body.itemsPerPage).toBe(response.body.Resources.length);
      seen.push(...response.body.Resources.map((u: { id: string }) => u.id));
    }
    expect(seen).toEqual(ids);
    const zero = await list("count=0");
    expect(zero.body).toMatchObject({ totalResults: 12, itemsPerPage: 0, Resources: [] });
    const clamped = await list("startIndex=0&count=1");
    expect(clamped.body.startIndex).toBe(1);
    expect((await list("count=abc")).body).toMatchObject({ status: "400", scimType: "invalidValue" });
  });

  // Pages in the second half are read backwards from the end: they must be exactly the pages read forwards.
  it.each([
    ["", ids],
    ["&sortOrder=descending", () => [...ids].reverse()],
    ["&sortBy=name.familyName", () => [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11].map((i) => ids[i])],
    ["&sortBy=name.familyName&sortOrder=descending", () => [1, 3, 5, 7, 9, 11, 0, 2, 4, 6, 8, 10].map((i) => ids[i])],
  ] as [string, string[] | (() => string[])][])("reads every page at every startIndex alike (%s)", async (order, expected) => {
    const all = typeof expected === "function" ? expected() : expected;
    for (const count of [1, 5, 7]) {
      for (let startIndex = 1; startIndex <= 13; startIndex += 1) {
        const response = await list(`startIndex=${startIndex}&count=${count}${order}`);
        expect(response.body.totalResults).toBe(12);
        expect(response.body.Resources.map((u: { id: string }) => u.id), `startIndex=${startIndex}&count=${count}`).toEqual(
          all.slice(startIndex - 1, startIndex - 1 + count),
        );
      }
    }
  });

  it("keeps resources without the sort attribute last, read forwards or backwards", async () => {
    const other = await newDirectory(t);
    const created: { id: string; displayName?: string }[] = [];
    for (const [i, displayName] of ["B", undefined, "A", undefined, "C", undefined].entries()) {
      const user = await other.createUser(`sorted${i}@example.com`, displayName ? { displayName } : {});
      created.push({ id: user.id, displayName });
    }
    const named = (names: string[]) => names.map((name) => created.find((u) => u.displayName === name)!.id);
    const unnamed = created.filter((u) => !u.displayName).map((u) => u.id);
    for (const [order, all] of [
      ["", [...named(["A", "B", "C"]), ...unnamed]],
      ["&sortOrder=descending", [...named(["C", "B", "A"]), ...unnamed]],
    ] as const) {
      for (const count of [1, 2, 4]) {
        for (let startIndex = 1; startIndex <= 7; startIndex += 1) {
          const response = await other.get(`/Users?sortBy=displayName&startIndex=${startIndex}&count=${count}${order}`);
          expect(response.body.Resources.map((u: { id: string }) => u.id), `${order} ${startIndex}/${count}`).toEqual(
            all.slice(startIndex - 1, startIndex - 1 + count),
          );
        }
      }
    }
  });

  it("answers Okta's lookups, case-insensitively on userName", async () => {
    const exact = await list(`filter=${encodeURIComponent('userName eq "user05@example.com"')}&startIndex=1&count=100`);
    expect(exact.body.Resources.map((u: { id: string }) => u.id)).toEqual([ids[5]]);
    const caps = await list(`filter=${encodeURIComponent('userName eq "USER05@EXAMPLE.COM"')}`);
    expect(caps.body.totalResults).toBe(1);
    // Okta's SPEC test sends the filter unencoded.
    const raw = await scim.get(`/Users?filter=userName eq "user05@example.com"`);
    expect(raw.body.totalResults).toBe(1);
    const none = await list(`filter=${encodeURIComponent('userName eq "abcdefgh@atko.com"')}`);
    expect(none.body).toEqual({ schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("runs the full grammar in the database", async () => {
    const count = async (filter: string) => (await list(`filter=${encodeURIComponent(filter)}&count=100`)).body.totalResults;
    expect(await count('name.familyName eq "Odd" and active eq true')).toBe(5);
    expect(await count('not (name.familyName eq "Odd") or userName ew "03@example.com"')).toBe(7);
    expect(await count('emails[type eq "home" and value co "home1"].value pr')).toBe(3);
    expect(await count('emails[type eq "work"].value eq "user07@example.com"')).toBe(1);
    expect(await count("meta.created gt 2000-01-01T00:00:00Z")).toBe(12);
    expect(await count("userName sw user1")).toBe(2);
  });

  it("refuses a malformed filter with 400 invalidFilter", async () => {
    for (const filter of ['userName eq', 'userName zz "x"', "((", 'name eq "x"']) {
      const response = await list(`filter=${encodeURIComponent(filter)}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: "400", scimType: "invalidFilter" });
    }
  });

  it("sorts by sortBy and sortOrder", async () => {
    const descending = await list("sortBy=userName&sortOrder=descending&count=3");
    expect(descending.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([names[11], names[10], names[9]]);
    expect((await list("sortBy=nosuch")).body).toMatchObject({ status: "400" });
  });

  it("projects with attributes and excludedAttributes", async () => {
    const only = await list(`attributes=userName,name.givenName&count=1`);
    expect(only.body.Resources[0]).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: ids[0],
      userName: names[0],
      name: { givenName: "G0" },
      meta: { resourceType: "User" },
    });
    const without = await list(`excludedAttributes=emails,name.familyName&count=1`);
    expect(without.body.Resources[0].emails).toBeUndefined();
    expect(without.body.Resources[0].name).toEqual({ givenName: "G0" });
    expect(without.body.Resources[0].userName).toBe(names[0]);
  });

  it("searches with POST /.search", async () => {
    const response = await scim.post("/Users/.search", {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
      filter: 'name.familyName eq "Even"',
      startIndex: 1,
      count: 2,
      attributes: ["userName"],
    });
    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(6);
    expect(response.body.Resources).toHaveLength(2);
    expect(Object.keys(response.body.Resources[0]).sort()).toEqual(["id", "meta", "schemas", "userName"]);
  });
});
