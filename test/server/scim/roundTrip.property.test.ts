import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, newDirectory, type ScimClient } from "../../support/scim.js";

/**
 * Random users and groups round-trip through the SCIM endpoints: what is
 * POSTed or PUT comes back on GET, apart from readOnly attributes (id, meta,
 * schemas, groups) and the password; a PATCH replace of one attribute reads back.
 */

const RUNS = { numRuns: 25 };

const text = fc.string({ minLength: 1, maxLength: 16, unit: "grapheme" });
const optional = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });

/** A multi-valued attribute of value/type/primary values, at most one of them primary (RFC 7643 §2.4). */
const plural = (types: string[]) =>
  fc
    .array(fc.record({ value: text, type: fc.constantFrom(...types), primary: fc.boolean() }, { requiredKeys: ["value"] }), {
      maxLength: 3,
    })
    .map((values) => values.map((value, i) => (i > 0 && value.primary ? { ...value, primary: false } : value)));

const userBody = fc.record(
  {
    userName: text,
    externalId: text,
    active: fc.boolean(),
    displayName: text,
    nickName: text,
    title: text,
    userType: text,
    preferredLanguage: fc.constantFrom("en-US", "de", "xh"),
    locale: fc.constantFrom("en-US", "fr-CA"),
    timezone: fc.constantFrom("Europe/Berlin", "America/Los_Angeles"),
    name: optional({ givenName: text, familyName: text, middleName: text, formatted: text, honorificPrefix: text }),
    emails: plural(["work", "home", "other"]),
    phoneNumbers: plural(["work", "mobile", "fax"]),
    addresses: fc.array(optional({ streetAddress: text, locality: text, postalCode: text, country: text, type: fc.constant("work") }), {
      maxLength: 2,
    }),
    [ENTERPRISE_SCHEMA]: optional({
      employeeNumber: text,
      costCenter: text,
      organization: text,
      division: text,
      department: text,
      manager: fc.record({ value: text }),
    }),
  },
  { requiredKeys: ["userName"] },
);

/** userNames are unique per directory (case-insensitively), so each generated one gets a serial suffix. */
let serial = 0;
function unique<T extends { userName: string }>(body: T): T & { schemas: string[] } {
  serial += 1;
  return { schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], ...body, userName: `${body.userName}#${serial}` };
}

/**
 * What a written user reads back as: active unless it says otherwise, and a
 * multi-valued attribute's identical values kept once (RFC 7643 §2.4 leaves
 * duplicates to the server; Roster drops them as it stores them).
 */
const withDefaults = (body: Record<string, unknown>) => ({
  active: true,
  ...Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.filter((item, i) => value.findIndex((other) => isDeepStrictEqual(other, item)) === i) : value,
    ]),
  ),
});

/** RFC 7643 §2.5: an empty object or list is an unassigned attribute, which a server need not return. */
function assigned(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(assigned).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, assigned(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

/** What GET should return of a written body: everything but readOnly attributes and the password. */
function writable(body: Record<string, unknown>): unknown {
  const { schemas: _schemas, id: _id, meta: _meta, groups: _groups, password: _password, ...rest } = body;
  return assigned(rest);
}

async function read(scim: ScimClient, path: string) {
  const response = await scim.get(path);
  expect(response.status).toBe(200);
  return response.body;
}

async function memberIds(scim: ScimClient, groupId: string): Promise<string[]> {
  return ((await read(scim, `/Groups/${groupId}`)).members ?? []).map((m: { value: string }) => m.value).sort();
}

describeEachDatabase("SCIM round trips (property)", (kind) => {
  const t = useTestApp(kind);

  it("a POSTed user comes back on GET, and so does the user a PUT replaces it with", async () => {
    const scim = await newDirectory(t);
    await fc.assert(
      fc.asyncProperty(userBody, userBody, async (first, second) => {
        const body = unique(first);
        const created = await scim.post("/Users", { ...body, password: "never-stored" });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expect(writable(created.body)).toEqual(writable(withDefaults(body)));
        expect(writable(await read(scim, `/Users/${created.body.id}`))).toEqual(writable(withDefaults(body)));

        const replacement = unique(second);
        const replaced = await scim.put(`/Users/${created.body.id}`, { ...replacement, id: created.body.id, groups: [] });
        expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
        expect(writable(await read(scim, `/Users/${created.body.id}`))).toEqual(writable(withDefaults(replacement)));
      }),
      RUNS,
    );
  });

  it("a PATCH replace of one attribute reads back, for Okta (200 with the user) and Entra ID (204)", async () => {
    const directories = { OKTA_SCIM_V2: await newDirectory(t), AZURE_SCIM_V2: await newDirectory(t, "AZURE_SCIM_V2") };
    const replacement = fc.oneof(
      text.map((value) => ({ path: "displayName", value, at: (u: any) => u.displayName })),
      text.map((value) => ({ path: "nickName", value, at: (u: any) => u.nickName })),
      text.map((value) => ({ path: "externalId", value, at: (u: any) => u.externalId })),
      text.map((value) => ({ path: "name.givenName", value, at: (u: any) => u.name?.givenName })),
      text.map((value) => ({ path: "name.familyName", value, at: (u: any) => u.name?.familyName })),
      text.map((value) => ({ path: 'emails[type eq "work"].value', value, at: (u: any) => u.emails?.find((e: any) => e.type === "work")?.value })),
      text.map((value) => ({ path: `${ENTERPRISE_SCHEMA}:department`, value, at: (u: any) => u[ENTERPRISE_SCHEMA]?.department })),
      fc.boolean().map((value) => ({ path: "active", value, at: (u: any) => u.active })),
      plural(["work", "home"]).map((value) => ({ path: "phoneNumbers", value, at: (u: any) => u.phoneNumbers ?? [] })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("OKTA_SCIM_V2" as const, "AZURE_SCIM_V2" as const),
        userBody,
        replacement,
        async (provider, first, change) => {
          const scim = directories[provider];
          const body = unique(first);
          // A work email for the value filter to find.
          const created = await scim.post("/Users", { ...body, emails: [{ type: "work", value: "work@example.com" }] });
          expect(created.status, JSON.stringify(created.body)).toBe(201);
          const patched = await scim.patch(`/Users/${created.body.id}`, [{ op: "replace", path: change.path, value: change.value }]);
          expect(patched.status, JSON.stringify(patched.body)).toBe(provider === "OKTA_SCIM_V2" ? 200 : 204);
          const stored = await read(scim, `/Users/${created.body.id}`);
          expect(change.at(stored)).toEqual(change.value);
          if (provider === "OKTA_SCIM_V2") expect(patched.body).toEqual(stored);
        },
      ),
      RUNS,
    );
  });

  it("a POSTed group comes back on GET with its members; PUT and PATCH replace read back", async () => {
    const scim = await newDirectory(t);
    const users: string[] = [];
    for (const n of [1, 2, 3, 4]) users.push((await scim.createUser(`member${n}@example.com`)).id);
    const members = fc.subarray(users);
    // A group needs a name that is not blank (400 invalidValue otherwise, tested in groups.test.ts).
    const name = text.filter((value) => value.trim() !== "");
    const groupBody = fc.record({ displayName: name, externalId: text }, { requiredKeys: ["displayName"] });

    await fc.assert(
      fc.asyncProperty(groupBody, members, groupBody, members, name, members, async (first, firstMembers, second, secondMembers, newName, thirdMembers) => {
        const created = await scim.post("/Groups", { schemas: [GROUP_SCHEMA], ...first, members: firstMembers.map((value) => ({ value })) });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const path = `/Groups/${created.body.id}`;
        const { members: _members, ...stored } = await read(scim, path);
        expect(writable(stored)).toEqual(first);
        expect(await memberIds(scim, created.body.id)).toEqual(firstMembers.slice().sort());

        const replaced = await scim.put(path, { schemas: [GROUP_SCHEMA], ...second, members: secondMembers.map((value) => ({ value })) });
        expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
        const { members: _after, ...afterPut } = await read(scim, path);
        expect(writable(afterPut)).toEqual(second);
        expect(await memberIds(scim, created.body.id)).toEqual(secondMembers.slice().sort());

        const patched = await scim.patch(path, [
          { op: "replace", path: "displayName", value: newName },
          { op: "replace", path: "members", value: thirdMembers.map((value) => ({ value })) },
        ]);
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        expect((await read(scim, path)).displayName).toBe(newName);
        expect(await memberIds(scim, created.body.id)).toEqual(thirdMembers.slice().sort());
      }),
      RUNS,
    );
  });
});
