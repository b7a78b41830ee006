import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type Database } from "../../../prisma/database.js";
import { InvalidFilterError, InvalidPathError } from "../../../schema/errors.js";
import { groupFilterSql, userFilterSql } from "../../../schema/scim/filter.js";
import { parseFilter, readAttributePath, type Filter } from "../../../schema/scim/filterParser.js";
import { groupSortSql, userSortSql } from "../../../schema/scim/sort.js";
import { describeEachDatabase, openTestDatabase } from "../../support/databases.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const eq = (name: string, value: string, subAttribute?: string): Filter => ({
  op: "eq",
  path: subAttribute === undefined ? { name } : { name, subAttribute },
  value: { type: "string", value },
});

/** The filter parameter as a server receives it once the query string is decoded. */
const fromQuery = (query: string) => new URLSearchParams(query).get("filter")!;

describe("parseFilter", () => {
  describe("requests from idp-requests.md", () => {
    it.each([
      // Okta O2, O10 (also the SPEC test's upper-cased variant)
      [fromQuery("filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100"), eq("userName", "test.user@okta.local")],
      ['userName eq "abcdefgh@atko.com"', eq("userName", "abcdefgh@atko.com")],
      ['userName eq "RUNSCOPE123SMITH@ATKO.COM"', eq("userName", "RUNSCOPE123SMITH@ATKO.COM")],
      // Okta O7 group lookup
      [fromQuery("filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100"), eq("displayName", "Test SCIMv2")],
      // Entra E1, E4
      ['userName eq "3fa85f64-5717-4562-b3fc-2c963f66afa6"', eq("userName", "3fa85f64-5717-4562-b3fc-2c963f66afa6")],
      ['userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"', eq("userName", "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee")],
      ['userName eq "non-existent user"', eq("userName", "non-existent user")],
      ["externalId eq jyoung", eq("externalId", "jyoung")],
      [fromQuery("excludedAttributes=members&filter=displayName eq \"displayName\""), eq("displayName", "displayName")],
      [
        'emails[type eq "work"].value eq "user@contoso.com"',
        {
          op: "valuePath",
          path: { name: "emails" },
          filter: { op: "and", filters: [eq("type", "work"), eq("value", "user@contoso.com")] },
        },
      ],
      [
        "id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646",
        { op: "and", filters: [eq("id", "54D382A4-2050-4C03-94D1-E769F1D15682"), eq("manager", "2819c223-7f76-453a-919d-413861904646")] },
      ],
      ["ID eq 54D382A4-2050-4C03-94D1-E769F1D15682", eq("ID", "54D382A4-2050-4C03-94D1-E769F1D15682")],
      // Okta O9 / Entra E6 value path, usable as a group filter too
      [
        'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]',
        { op: "valuePath", path: { name: "members" }, filter: eq("value", "89bb1940-b905-4575-9e7f-6f887cfb368e") },
      ],
      // Microsoft's Postman collection
      [fromQuery("filter=DisplayName+eq+%22BobIsAmazing%22"), eq("DisplayName", "BobIsAmazing")],
      [
        "name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)",
        {
          op: "and",
          filters: [
            eq("name", "Employee", "FamilyName"),
            {
              op: "or",
              filters: [
                { op: "co", path: { name: "emails", subAttribute: "Value" }, value: { type: "string", value: "example.com" } },
                { op: "co", path: { name: "emails", subAttribute: "Value" }, value: { type: "string", value: "example.org" } },
              ],
            },
          ],
        },
      ],
      ["userName sw O", { op: "sw", path: { name: "userName" }, value: { type: "string", value: "O" } }],
      [
        "meta.Created gt 2015-10-10T14:38:21.8617979-07:00",
        { op: "gt", path: { name: "meta", subAttribute: "Created" }, value: { type: "string", value: "2015-10-10T14:38:21.8617979-07:00" } },
      ],
      [
        `${ENTERPRISE}:employeeNumber eq "Aklq"`,
        { op: "eq", path: { uri: ENTERPRISE, name: "employeeNumber" }, value: { type: "string", value: "Aklq" } },
      ],
    ] as [string, Filter][])("%s", (text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe("grammar", () => {
    it.each([
      ["operators are case-insensitive", 'userName EQ "x"', eq("userName", "x")],
      ["pr", "title pr", { op: "pr", path: { name: "title" } }],
      ["PR", "title PR", { op: "pr", path: { name: "title" } }],
      ...(["ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const).map(
        (op) => [op, `title ${op} "x"`, { op, path: { name: "title" }, value: { type: "string", value: "x" } }] as [string, string, Filter],
      ),
      [
        "and binds tighter than or",
        'a eq "1" or b eq "2" and c eq "3"',
        { op: "or", filters: [eq("a", "1"), { op: "and", filters: [eq("b", "2"), eq("c", "3")] }] },
      ],
      [
        "and binds tighter than or, on the left too",
        'a eq "1" and b eq "2" or c eq "3"',
        { op: "or", filters: [{ op: "and", filters: [eq("a", "1"), eq("b", "2")] }, eq("c", "3")] },
      ],
      [
        "parentheses override precedence",
        'a eq "1" and (b eq "2" or c eq "3")',
        { op: "and", filters: [eq("a", "1"), { op: "or", filters: [eq("b", "2"), eq("c", "3")] }] },
      ],
      [
        "chains flatten",
        'a eq "1" or b eq "2" OR c eq "3"',
        { op: "or", filters: [eq("a", "1"), eq("b", "2"), eq("c", "3")] },
      ],
      [
        "not applies to its parentheses only",
        'not (a eq "1" or b eq "2") and c eq "3"',
        { op: "and", filters: [{ op: "not", filter: { op: "or", filters: [eq("a", "1"), eq("b", "2")] } }, eq("c", "3")] },
      ],
      ["NOT without a space", 'NOT(a eq "1")', { op: "not", filter: eq("a", "1") }],
      ["redundant parentheses", '((a eq "1"))', eq("a", "1")],
      ["an attribute called not", 'not eq "x"', eq("not", "x")],
      [
        "value path with and inside",
        'emails[type eq "work" and primary eq true]',
        {
          op: "valuePath",
          path: { name: "emails" },
          filter: { op: "and", filters: [eq("type", "work"), { op: "eq", path: { name: "primary" }, value: { type: "boolean", value: true } }] },
        },
      ],
      [
        "value path with or inside, then a sub-attribute",
        'emails[type eq "work" or type eq "home"].value sw "a"',
        {
          op: "valuePath",
          path: { name: "emails" },
          filter: {
            op: "and",
            filters: [
              { op: "or", filters: [eq("type", "work"), eq("type", "home")] },
              { op: "sw", path: { name: "value" }, value: { type: "string", value: "a" } },
            ],
          },
        },
      ],
      [
        "value path with not and pr",
        "addresses[not (type pr)]",
        { op: "valuePath", path: { name: "addresses" }, filter: { op: "not", filter: { op: "pr", path: { name: "type" } } } },
      ],
      [
        "value path then .sub pr",
        'emails[type eq "work"].value pr',
        { op: "valuePath", path: { name: "emails" }, filter: { op: "and", filters: [eq("type", "work"), { op: "pr", path: { name: "value" } }] } },
      ],
      [
        "URN-qualified value path",
        `urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"]`,
        { op: "valuePath", path: { uri: "urn:ietf:params:scim:schemas:core:2.0:User", name: "emails" }, filter: eq("type", "work") },
      ],
      [
        "URN-qualified core attribute",
        'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
        { op: "sw", path: { uri: "urn:ietf:params:scim:schemas:core:2.0:User", name: "userName" }, value: { type: "string", value: "J" } },
      ],
      [
        "URN-qualified sub-attribute",
        `${ENTERPRISE}:manager.value eq "m1"`,
        { op: "eq", path: { uri: ENTERPRISE, name: "manager", subAttribute: "value" }, value: { type: "string", value: "m1" } },
      ],
      ["$ref", 'members.$ref eq "x"', eq("members", "x", "$ref")],
      ["string escapes", String.raw`title eq "a \"quoted\" \\ back\/slash \u00e9\n"`, eq("title", 'a "quoted" \\ back/slash é\n')],
      ["empty string", 'title eq ""', eq("title", "")],
      ["spaces in a string", 'displayName eq "  two  words "', eq("displayName", "  two  words ")],
      ["brackets and keywords inside a string", 'title eq "a ] or ( b"', eq("title", "a ] or ( b")],
      ["true", "active eq true", { op: "eq", path: { name: "active" }, value: { type: "boolean", value: true } }],
      ["False", "active eq False", { op: "eq", path: { name: "active" }, value: { type: "boolean", value: false } }],
      ["null", "title eq null", { op: "eq", path: { name: "title" }, value: { type: "null" } }],
      ["integer", "level gt 10", { op: "gt", path: { name: "level" }, value: { type: "number", value: "10" } }],
      ["decimal", "level le -1.5e3", { op: "le", path: { name: "level" }, value: { type: "number", value: "-1.5e3" } }],
      ["leading zero is a bare string", "employeeNumber eq 0123", eq("employeeNumber", "0123")],
      ["quoted true is a string", 'title eq "true"', eq("title", "true")],
      ["extra whitespace", '  userName   eq\t"x"  ', eq("userName", "x")],
      ["bare e-mail", "userName eq bob@example.com", eq("userName", "bob@example.com")],
    ] as [string, string, Filter][])("%s: %s", (_, text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe("rejects malformed input with InvalidFilterError", () => {
    it.each([
      "",
      "   ",
      "userName",
      "userName eq",
      'userName "x"',
      'userName equals "x"',
      'userName eq "x" "y"',
      'userName eq "x" and',
      'userName eq "x" or or b eq "y"',
      'and userName eq "x"',
      '(userName eq "x"',
      'userName eq "x")',
      "()",
      'userName eq "unterminated',
      'userName eq "bad \\q escape"',
      'emails[type eq "work"',
      'emails[type eq "work"]]',
      "emails[]",
      'emails[type[value eq "x"]]',
      'emails[name.givenName eq "x"]',
      `emails[${ENTERPRISE}:x eq "y"]`,
      'emails[type eq "work"] .value eq "x"',
      'emails[type eq "work"].value',
      'emails[type eq "work"].9 eq "x"',
      'name.givenName[type eq "work"]',
      'name.givenName.first eq "x"',
      '9lives eq "x"',
      'user:name eq "x"',
      'userName eq ("x")',
      'userName eq [x]',
      'not userName eq "x"',
      "not ()",
      `${"(".repeat(100)}a eq "1"${")".repeat(100)}`,
      `${"not (".repeat(100)}a eq "1"${")".repeat(100)}`,
    ])("%j", (text) => {
      expect(() => parseFilter(text)).toThrow(InvalidFilterError);
    });
  });

  it("takes up to 1000 conditions, and no more", () => {
    const chain = (length: number) => Array.from({ length }, (_, i) => `a eq "${i}"`).join(" or ");
    const filter = parseFilter(chain(1000));
    expect(filter.op === "or" && filter.filters.length).toBe(1000);
    expect(() => parseFilter(chain(1001))).toThrow(InvalidFilterError);
  });
});

describe("readAttributePath", () => {
  it.each([
    ["userName", { name: "userName" }],
    ["name.familyName", { name: "name", subAttribute: "familyName" }],
    [`${ENTERPRISE}:manager.value`, { uri: ENTERPRISE, name: "manager", subAttribute: "value" }],
    ["a.b.c", undefined],
    ["urn:x", undefined],
    ["", undefined],
  ])("%s", (text, expected) => {
    expect(readAttributePath(text)).toEqual(expected);
  });
});

describe("filter SQL", () => {
  it("binds values as parameters, never as SQL text", () => {
    const sql = userFilterSql(`title eq "x'); DROP TABLE \\"DirectoryUser\\"; --"`);
    expect(sql.sql).not.toContain("DROP");
    expect(sql.values).toContain(`x'); DROP TABLE "DirectoryUser"; --`);
  });

  it("binds unknown attribute names as parameters too", () => {
    const sql = userFilterSql('evil-name eq "x"');
    expect(sql.sql).not.toContain("evil-name");
    expect(sql.values).toContain("evil-name");
  });

  it.each([
    ["name eq \"x\"", "complex attribute without a sub-attribute"],
    ["addresses eq \"x\"", "multi-valued attribute without a value sub-attribute"],
    ["meta eq \"x\"", "meta itself"],
    ["meta.version eq \"x\"", "meta sub-attribute that is not stored"],
    ["password eq \"x\"", "password"],
    ["active gt true", "gt on a boolean"],
    ["active co true", "co on a boolean"],
    ["active eq \"yes\"", "a boolean against a string"],
    ["active eq 1", "a boolean against a number"],
    ["title eq true", "a string against a boolean"],
    ["meta.created co \"2015\"", "co on a dateTime"],
    ["meta.created gt \"yesterday\"", "a dateTime that is not one"],
    ["meta.created gt \"2015-02-30T00:00:00Z\"", "a dateTime that does not exist"],
    ["meta.created gt \"2015-01-01T00:00:00+16:00\"", "an offset PostgreSQL rejects"],
    ["meta.created gt 2015", "a dateTime against a number"],
    ["title gt null", "gt null"],
    ["level gt 1e400", "a number beyond double range"],
    ["userName[value eq \"x\"]", "value path on a single-valued attribute"],
    ["name[givenName eq \"x\"]", "value path on a complex single-valued attribute"],
    ["userName.value eq \"x\"", "sub-attribute of a simple attribute"],
    ["urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"x\"", "the Group schema on users"],
    ["emails[value.x eq \"y\"]", "dotted name inside brackets"],
    ["groups.display eq \"x\"", "membership sub-attribute other than value"],
  ])("rejects %s (%s) with InvalidFilterError", (text) => {
    expect(() => userFilterSql(text)).toThrow(InvalidFilterError);
  });

  it.each([
    ['members.display eq "x"'],
    [`${ENTERPRISE}:employeeNumber eq "1"`],
    ["urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\""],
  ])("rejects %s on groups", (text) => {
    expect(() => groupFilterSql(text)).toThrow(InvalidFilterError);
  });
});

describe("sort SQL", () => {
  it.each(["userName", "DisplayName", "name.familyName", "name.givenName", "meta.created", "meta.lastModified", "externalId", "id", "emails.value", "urn:ietf:params:scim:schemas:core:2.0:User:userName"])(
    "users by %s",
    (sortBy) => {
      expect(userSortSql(sortBy).sql).toMatch(/"DirectoryUser"\./);
    },
  );
  it.each(["title", "name", "emails.type", "constructor", "__proto__", "", "a b", "urn:ietf:params:scim:schemas:core:2.0:Group:displayName"])(
    "users not by %j",
    (sortBy) => {
      expect(() => userSortSql(sortBy)).toThrow(InvalidPathError);
    },
  );
  it("groups by displayName, not by members", () => {
    expect(groupSortSql("displayName").sql).toBe(`"DirectoryGroup"."displayNameKey" COLLATE "C"`);
    expect(() => groupSortSql("members")).toThrow(InvalidPathError);
    expect(() => groupSortSql("userName")).toThrow(InvalidPathError);
  });
});

// ---------------------------------------------------------------------------
// Against real databases: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.

const ALICE_ID = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef";
const OLIVER_ID = "54d382a4-2050-4c03-94d1-e769f1d15682";
const MANAGER_ID = "2819c223-7f76-453a-919d-413861904646";

interface UserSeed {
  key: string;
  id?: string;
  userName: string;
  externalId?: string;
  active?: boolean;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  email?: string;
  createdAt: string;
  updatedAt: string;
  raw: Record<string, unknown>;
}

const USERS: UserSeed[] = [
  {
    key: "alice",
    id: ALICE_ID,
    userName: "Alice@Example.com",
    externalId: "ext-Alice",
    givenName: "Alice",
    familyName: "Anderson",
    displayName: "Alice Anderson",
    email: "Alice@Work.example.com",
    createdAt: "2015-10-10T20:00:00.000Z",
    updatedAt: "2020-01-01T00:00:00.000Z",
    raw: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      userName: "Alice@Example.com",
      name: { givenName: "Alice", familyName: "Anderson", formatted: "Alice Anderson" },
      displayName: "Alice Anderson",
      nickName: "",
      title: "Engineer",
      userType: "Employee",
      locale: "en-US",
      emails: [
        { value: "Alice@Work.example.com", type: "work", primary: true },
        { value: "alice@home.example.org", type: "home" },
      ],
      ims: [{ value: "alice@foo.com", type: "xmpp" }],
      addresses: [{ type: "work", locality: "Seattle", country: "US" }],
      level: 3,
      [ENTERPRISE]: { employeeNumber: "1001", department: "R&D", manager: { value: MANAGER_ID, displayName: "Boss" } },
    },
  },
  {
    key: "bob",
    userName: "Bob.Builder@example.org",
    externalId: "jyoung",
    active: false,
    givenName: "Bob",
    familyName: "Employee",
    displayName: "Bob Builder",
    createdAt: "2015-10-10T21:38:21.862Z",
    updatedAt: "2021-06-01T00:00:00.000Z",
    raw: {
      // Entra's older payload: typo'd schema URN, enterprise attributes at the top level, nulls.
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
      userName: "Bob.Builder@example.org",
      name: { givenName: "Bob", familyName: "Employee" },
      title: null,
      userType: "Intern",
      // Capitalised keys as in Microsoft's Postman collection.
      Emails: [{ Value: "bob@example.org", Type: "Work", Primary: "True" }],
      phoneNumbers: null,
      addresses: null,
      department: "Sales",
      manager: null,
      level: "7",
    },
  },
  {
    key: "oliver",
    id: OLIVER_ID,
    userName: "Oliver.Smith@example.net",
    externalId: "EXT-OLIVER",
    givenName: "Oliver",
    familyName: "Employee",
    displayName: "oliver smith",
    email: "oliver@example.com",
    createdAt: "2021-03-04T05:06:07.000Z",
    updatedAt: "2021-03-04T05:06:07.000Z",
    raw: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "Oliver.Smith@example.net",
      name: { familyName: "Employee", givenName: "Oliver" },
      title: "Engineer",
      userType: "Employee",
      emails: [{ value: "oliver@example.com", type: "work", primary: false }],
      ims: [{ value: "oliver@bar.com", type: "xmpp" }],
      level: 10,
      // Manager as Entra's PATCH sends it: a list of references.
      [ENTERPRISE]: { manager: [{ $ref: `../Users/${MANAGER_ID}`, value: MANAGER_ID }], department: "Sales" },
    },
  },
  {
    key: "dave",
    userName: "dave@example.net",
    familyName: "Employee",
    email: "Dave@Example.net",
    createdAt: "2022-01-01T00:00:00.000Z",
    updatedAt: "2022-01-01T00:00:00.000Z",
    raw: { userName: "dave@example.net", name: { familyName: "Employee" }, emails: null, title: "" },
  },
];

const GROUPS = [
  { key: "okta", displayName: "Test SCIMv2", externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", members: ["alice", "bob"], createdAt: "2020-01-01T00:00:00.000Z" },
  { key: "entra", displayName: "displayName", members: ["oliver"], createdAt: "2021-01-01T00:00:00.000Z" },
  { key: "empty", displayName: "Empty Group", members: [], createdAt: "2022-01-01T00:00:00.000Z" },
];

describeEachDatabase("filters", (kind) => {
  let db: Database;
  let directoryId: string;
  const userKeys = new Map<string, string>();
  const userIds = new Map<string, string>();
  const groupKeys = new Map<string, string>();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const organization = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    const directory = (name: string, tokenHash: string) =>
      db.prisma.directory.create({
        data: { organizationId: organization.id, name, provider: "GENERIC_SCIM_V2", tokenHash, tokenPrefix: "t" },
      });
    directoryId = (await directory("main", "hash-1")).id;
    const otherDirectoryId = (await directory("other", "hash-2")).id;

    for (const user of USERS) {
      const row = await db.prisma.directoryUser.create({
        data: {
          ...(user.id ? { id: user.id } : {}),
          directoryId,
          userName: user.userName,
          userNameKey: user.userName.toLowerCase(),
          externalId: user.externalId ?? null,
          active: user.active ?? true,
          givenName: user.givenName ?? null,
          familyName: user.familyName ?? null,
          displayName: user.displayName ?? null,
          email: user.email ?? null,
          emailKey: user.email?.toLowerCase() ?? null,
          raw: user.raw as Prisma.InputJsonValue,
          createdAt: new Date(user.createdAt),
          updatedAt: new Date(user.updatedAt),
        },
      });
      userKeys.set(row.id, user.key);
      userIds.set(user.key, row.id);
    }
    // Same userName in another directory: scoping must keep it out.
    await db.prisma.directoryUser.create({
      data: { directoryId: otherDirectoryId, userName: "Alice@Example.com", userNameKey: "alice@example.com", raw: {} },
    });

    for (const group of GROUPS) {
      const row = await db.prisma.directoryGroup.create({
        data: {
          directoryId,
          displayName: group.displayName,
          displayNameKey: group.displayName.toLowerCase(),
          externalId: group.externalId ?? null,
          raw: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: group.displayName, tag: group.key },
          createdAt: new Date(group.createdAt),
          updatedAt: new Date(group.createdAt),
          members: { create: group.members.map((key) => ({ directoryUserId: userIds.get(key)! })) },
        },
      });
      groupKeys.set(row.id, group.key);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  async function users(filter: string): Promise<string[]> {
    const rows = await db.prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM "DirectoryUser" WHERE "directoryId" = ${directoryId}::uuid AND (${userFilterSql(filter)})`,
    );
    return rows.map((row) => userKeys.get(row.id)!).sort();
  }

  async function groups(filter: string): Promise<string[]> {
    const rows = await db.prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM "DirectoryGroup" WHERE "directoryId" = ${directoryId}::uuid AND (${groupFilterSql(filter)})`,
    );
    return rows.map((row) => groupKeys.get(row.id)!).sort();
  }

  it.each([
    // idp-requests.md
    ['userName eq "alice@example.com"', ["alice"]],
    ['userName eq "ALICE@EXAMPLE.COM"', ["alice"]],
    ['userName eq "non-existent user"', []],
    ["externalId eq jyoung", ["bob"]],
    ['externalId eq "JYOUNG"', []],
    ['emails[type eq "work"].value eq "alice@work.example.com"', ["alice"]],
    ['emails[type eq "home"].value eq "alice@work.example.com"', []],
    ['emails[type eq "work"].value eq "bob@example.org"', ["bob"]],
    [`id eq ${OLIVER_ID.toUpperCase()} and manager eq ${MANAGER_ID}`, ["oliver"]],
    [`ID eq ${OLIVER_ID.toUpperCase()}`, ["oliver"]],
    ['DisplayName eq "OLIVER SMITH"', ["oliver"]],
    ["name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)", ["bob", "oliver"]],
    ["userName sw O", ["oliver"]],
    ["meta.Created gt 2015-10-10T14:38:21.8617979-07:00", ["bob", "dave", "oliver"]],
    ["meta.created ge 2015-10-10T21:38:21.862Z", ["bob", "dave", "oliver"]],
    ["meta.created le 2015-10-10T21:38:21.862Z", ["alice", "bob"]],
    ['meta.created eq "2015-10-10T13:00:00-07:00"', ["alice"]],
    ['meta.created lt "2015-10-10T20:00:00"', []],
    ['meta.lastModified gt "2021-01-01T00:00:00Z"', ["bob", "dave", "oliver"]],
    [`${ENTERPRISE}:employeeNumber eq "1001"`, ["alice"]],
    // RFC 7644 §3.4.2.2 examples
    ['name.familyName co "MPLO"', ["bob", "dave", "oliver"]],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"', ["bob"]],
    ["title pr", ["alice", "oliver"]],
    ['title pr and userType eq "Employee"', ["alice", "oliver"]],
    ['title pr or userType eq "Intern"', ["alice", "bob", "oliver"]],
    [`schemas eq "${ENTERPRISE}"`, ["alice"]],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ["alice", "oliver"]],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ["dave"]],
    ['userType eq "Employee" and (emails.type eq "work")', ["alice", "oliver"]],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ["oliver"]],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', ["alice", "oliver"]],
    // operators on strings
    ['displayName ne "Alice Anderson"', ["bob", "dave", "oliver"]],
    ['userName co "BUILDER"', ["bob"]],
    ['userName ew ".NET"', ["dave", "oliver"]],
    ['userName sw ""', ["alice", "bob", "dave", "oliver"]],
    ['userName gt "c"', ["dave", "oliver"]],
    ['userName ge "dave@example.net"', ["dave", "oliver"]],
    ['userName lt "b"', ["alice"]],
    ['userName le "bob.builder@example.org"', ["alice", "bob"]],
    ['externalId sw "EXT-"', ["oliver"]],
    ['externalId co "Alice"', ["alice"]],
    ["externalId pr", ["alice", "bob", "oliver"]],
    ["externalId eq null", ["dave"]],
    ['externalId ne "jyoung"', ["alice", "dave", "oliver"]],
    ['name.givenName eq "ALICE"', ["alice"]],
    ['name.formatted eq "alice anderson"', ["alice"]],
    ["name pr", ["alice", "bob", "dave", "oliver"]],
    ["nickName pr", []],
    ['title eq "engineer"', ["alice", "oliver"]],
    ['title ne "Engineer"', ["bob", "dave"]],
    ["title eq null", ["bob", "dave"]],
    ["title ne null", ["alice", "oliver"]],
    ['not (title eq "Engineer")', ["bob", "dave"]],
    ['Locale EQ "EN-us"', ["alice"]],
    // booleans
    ["active eq true", ["alice", "dave", "oliver"]],
    ["active eq False", ["bob"]],
    ['active eq "False"', ["bob"]],
    ["active ne true", ["bob"]],
    ["emails[primary eq true]", ["alice", "bob"]],
    ["emails.primary eq false", ["oliver"]],
    ["emails[not (primary eq true)]", ["alice", "oliver"]],
    // multi-valued and value paths
    ['emails eq "ALICE@home.example.org"', ["alice"]],
    ['emails.value eq "dave@example.net"', ["dave"]],
    ['emails.value sw "dave"', []],
    ['emails.value ew "example.org"', ["alice", "bob"]],
    ['emails.type eq "WORK"', ["alice", "bob", "oliver"]],
    ["emails pr", ["alice", "bob", "oliver"]],
    ["emails.value pr", ["alice", "bob", "oliver"]],
    ['emails[type eq "work"].value pr', ["alice", "bob", "oliver"]],
    ['emails[type eq "home" or type eq "other"]', ["alice"]],
    ['emails[value eq "alice@home.example.org" and type eq "work"]', []],
    ['not (emails[type eq "home"])', ["bob", "dave", "oliver"]],
    ['addresses[type eq "work" and locality eq "seattle"]', ["alice"]],
    ['addresses.country eq "US"', ["alice"]],
    ["addresses pr", ["alice"]],
    ["phoneNumbers pr", []],
    ['phoneNumbers.value eq "1"', []],
    ['urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"]', ["alice", "bob", "oliver"]],
    // enterprise extension, either where the RFC puts it or where old Entra payloads did
    [`${ENTERPRISE}:department eq "sales"`, ["bob", "oliver"]],
    ['department eq "R&D"', ["alice"]],
    [`${ENTERPRISE}:manager.value eq "${MANAGER_ID}"`, ["alice", "oliver"]],
    [`manager eq "${MANAGER_ID.toUpperCase()}"`, ["alice", "oliver"]],
    ['manager.displayName eq "boss"', ["alice"]],
    ["manager pr", ["alice", "oliver"]],
    [`${ENTERPRISE}:employeeNumber pr`, ["alice"]],
    [`${ENTERPRISE}:unknownThing pr`, []],
    // attributes with no definition are read from raw
    ["level gt 5", ["oliver"]],
    ["level eq 7", ["bob"]],
    ["level eq 3.0", ["alice"]],
    ['level eq "10"', ["oliver"]],
    ["level co 1", ["oliver"]],
    ['unknownAttr eq "x"', []],
    ['unknownAttr ne "x"', ["alice", "bob", "dave", "oliver"]],
    ['urn:example:custom:1.0:User:badge eq "x"', []],
    // groups (the user side of membership)
    ["groups pr", ["alice", "bob", "oliver"]],
    // logic
    ['userName eq "alice@example.com" or userName eq "dave@example.net" and active eq false', ["alice"]],
    ['(userName eq "alice@example.com" or userName eq "dave@example.net") and active eq true', ["alice", "dave"]],
    ['not (userName sw "a" or userName sw "b")', ["dave", "oliver"]],
    ['not (not (userName sw "a"))', ["alice"]],
    // awkward but legal values must not become SQL errors
    ['id eq "not-a-uuid"', []],
    ['id sw "54D3"', ["oliver"]],
    ["meta.created gt 2015-10-10", ["alice", "bob", "dave", "oliver"]],
    ['title eq "it\'s"', []],
    ['title eq "%"', []],
    ['title co "_"', []],
  ] as [string, string[]][])("users: %s", async (filter, expected) => {
    expect(await users(filter)).toEqual(expected);
  });

  it("matches users by their groups", async () => {
    const oktaGroup = [...groupKeys].find(([, key]) => key === "okta")![0];
    expect(await users(`groups eq "${oktaGroup}"`)).toEqual(["alice", "bob"]);
    expect(await users(`groups[value eq "${oktaGroup.toUpperCase()}"]`)).toEqual(["alice", "bob"]);
  });

  it.each([
    ['displayName eq "Test SCIMv2"', ["okta"]],
    ['displayName eq "test scimv2"', ["okta"]],
    ['DisplayName eq "displayName"', ["entra"]],
    ['displayName co "group"', ["empty"]],
    ['externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"', ["okta"]],
    ['externalId eq "8AA1A0C0-C4C3-4BC0-B4A5-2EF676900159"', []],
    ["members pr", ["entra", "okta"]],
    ["not (members pr)", ["empty"]],
    [`members eq "${ALICE_ID}"`, ["okta"]],
    [`members.value eq "${OLIVER_ID.toUpperCase()}"`, ["entra"]],
    [`members[value eq "${ALICE_ID}"]`, ["okta"]],
    [`members[value eq "${ALICE_ID}" or value eq "${OLIVER_ID}"]`, ["entra", "okta"]],
    ['members[value eq "not-a-uuid"]', []],
    ['meta.created ge "2021-01-01T00:00:00Z"', ["empty", "entra"]],
    ['urn:ietf:params:scim:schemas:core:2.0:Group:displayName sw "T"', ["okta"]],
    ['tag eq "EMPTY"', ["empty"]],
    ['schemas eq "urn:ietf:params:scim:schemas:core:2.0:Group"', ["empty", "entra", "okta"]],
    ['id eq "not-a-uuid"', []],
  ] as [string, string[]][])("groups: %s", async (filter, expected) => {
    expect(await groups(filter)).toEqual(expected);
  });

  it("never matches another directory's users", async () => {
    const rows = await db.prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM "DirectoryUser" WHERE (${userFilterSql('userName eq "alice@example.com"')})`,
    );
    expect(rows).toHaveLength(2);
    expect(await users('userName eq "alice@example.com"')).toEqual(["alice"]);
  });

  it.each([
    ["name.familyName", ["alice", "bob", "dave", "oliver"]],
    ["userName", ["alice", "bob", "dave", "oliver"]],
    ["meta.created", ["alice", "bob", "oliver", "dave"]],
    ["meta.lastModified", ["alice", "oliver", "bob", "dave"]],
    ["displayName", ["alice", "bob", "oliver", "dave"]],
    ["emails.value", ["alice", "dave", "oliver", "bob"]],
  ] as [string, string[]][])("sorts users by %s", async (sortBy, expected) => {
    const rows = await db.prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM "DirectoryUser" WHERE "directoryId" = ${directoryId}::uuid ORDER BY ${userSortSql(sortBy)} ASC NULLS LAST, "userNameKey"`,
    );
    expect(rows.map((row) => userKeys.get(row.id))).toEqual(expected);
  });

  it("sorts groups by displayName case-insensitively", async () => {
    const rows = await db.prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM "DirectoryGroup" WHERE "directoryId" = ${directoryId}::uuid ORDER BY ${groupSortSql("displayName")} DESC`,
    );
    expect(rows.map((row) => groupKeys.get(row.id))).toEqual(["okta", "empty", "entra"]);
  });

  // The lookups IdPs make before every create must be index lookups, or an import's cost grows with the square of its size.
  it.each([
    ['userName eq "alice@example.com"', "DirectoryUser", userFilterSql],
    ['externalId eq "jyoung"', "DirectoryUser", userFilterSql],
    ['displayName eq "Okta Group"', "DirectoryGroup", groupFilterSql],
  ] as const)("answers %s from an index", async (filter, table, toSql) => {
    const plan = await db.sql.transaction(async (tx) => {
      await tx.execute`SET LOCAL enable_seqscan = off`;
      return tx.query<{ "QUERY PLAN": string }>(
        Prisma.sql`EXPLAIN SELECT id FROM ${Prisma.raw(`"${table}"`)} WHERE "directoryId" = ${directoryId}::uuid AND (${toSql(filter)})`,
      );
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    // A comparison wrapped in COALESCE can only be a filter over every row of the directory.
    expect(text).toMatch(/Index (Only )?Scan/);
    expect(text).not.toMatch(/COALESCE/i);
  });
});
