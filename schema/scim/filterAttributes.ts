/**
 * Where filters find each SCIM attribute of a Roster resource in SQL: a column
 * of "DirectoryUser"/"DirectoryGroup", a path into the stored "raw" resource,
 * or the membership table. Names match case-insensitively (RFC 7643 §2.1).
 * Columns are written table-qualified because filters nest subqueries over
 * other tables.
 */
import { Prisma } from "../../prisma/database.js";
import { InvalidFilterError } from "../errors.js";
import type { AttributePath } from "./filterParser.js";
import { ELEMENT, jsonElements, jsonMember, jsonPresent } from "./jsonb.js";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./types.js";

// Schemas the SCIM RFCs define; one of them that a resource lacks is a client mistake, not custom data.
const STANDARD_SCHEMA_PREFIX = "urn:ietf:params:scim:schemas:";

/** "any" is an attribute we have no schema for; the filter's literal decides how to compare. */
export type ScalarType = "string" | "boolean" | "dateTime" | "any";

/** One value a comparison applies to. */
export interface Scalar {
  sql: Prisma.Sql;
  type: ScalarType;
  /** `sql` is jsonb read from "raw" rather than a typed column. */
  json: boolean;
  /** RFC 7643 caseExact; otherwise both sides are lower-cased. */
  caseExact: boolean;
  /** The column already holds the value lower-cased by the application (the *Key columns). */
  lowered: boolean;
}

/** Elements of a multi-valued attribute, read through their sub-attributes. */
export interface Collection {
  /** SQL true when some element satisfies `where`. */
  some(where: (subAttribute: (name: string) => Scalar) => Prisma.Sql): Prisma.Sql;
}

/** A top-level attribute, with whichever ways of reading it make sense for it. */
export interface Attribute {
  present: Prisma.Sql;
  scalar?: Scalar;
  /** Sub-attributes of a single complex value (name.givenName). */
  subAttribute?: (name: string) => Scalar;
  collection?: Collection;
  /** A multi-valued simple attribute (schemas): true when some value passes `test`. */
  values?: (test: (value: Scalar) => Prisma.Sql) => Prisma.Sql;
  /** Sub-attribute compared when the filter names the complex attribute alone (`emails co "x"`). */
  implied?: string;
  /** Column that also holds the primary element's implied value; `eq` matches it too. */
  primaryColumn?: Scalar;
}

type Definition = () => Attribute;
type Definitions = Map<string, Definition>;

export interface Resource {
  /** For messages: "Users" or "Groups". */
  endpoint: string;
  raw: Prisma.Sql;
  schema: string;
  core: Definitions;
  extensions: Map<string, { definitions: Definitions; object: Prisma.Sql }>;
}

function column(sql: string, type: ScalarType, options: { caseExact?: boolean; lowered?: boolean } = {}): Scalar {
  return { sql: Prisma.raw(sql), type, json: false, caseExact: options.caseExact ?? false, lowered: options.lowered ?? false };
}

function json(sql: Prisma.Sql, type: ScalarType): Scalar {
  // RFC 7643 §2.2: caseExact defaults to false, which every core string we read from raw keeps.
  return { sql, type, json: true, caseExact: false, lowered: false };
}

export function scalarPresent(scalar: Scalar): Prisma.Sql {
  if (scalar.json) return jsonPresent(scalar.sql);
  return scalar.type === "string" ? Prisma.sql`(${scalar.sql} <> '')` : Prisma.sql`(${scalar.sql} IS NOT NULL)`;
}

function simple(scalar: Scalar): Attribute {
  return { scalar, present: scalarPresent(scalar) };
}

/** Sub-attribute lookup: known ones by canonical name, others read from `object` untyped. */
function subAttributes(object: Prisma.Sql, known: Record<string, ScalarType | Scalar>) {
  const byLowerName = new Map(Object.entries(known).map(([name, definition]) => [name.toLowerCase(), { name, definition }]));
  return (name: string): Scalar => {
    const found = byLowerName.get(name.toLowerCase());
    if (!found) return json(jsonMember(object, name), "any");
    return typeof found.definition === "string" ? json(jsonMember(object, found.name), found.definition) : found.definition;
  };
}

function jsonCollection(value: Prisma.Sql, known: Record<string, ScalarType>): Collection {
  const subAttribute = subAttributes(ELEMENT, known);
  return { some: (where) => Prisma.sql`EXISTS (SELECT 1 FROM ${jsonElements(value)} WHERE ${where(subAttribute)})` };
}

/** A multi-valued attribute of plain strings (schemas). */
function jsonStrings(value: Prisma.Sql): Attribute {
  return {
    present: jsonPresent(value),
    values: (test) => Prisma.sql`EXISTS (SELECT 1 FROM ${jsonElements(value)} WHERE ${test(json(ELEMENT, "string"))})`,
  };
}

/** Group members and a user's groups live in "DirectoryGroupMember"; only `value` (the other side's id) is known. */
function membership(ownColumn: string, owner: string, otherColumn: string): Attribute {
  const rows = Prisma.raw(`"DirectoryGroupMember" AS "membership" WHERE "membership"."${ownColumn}" = ${owner}`);
  const value = column(`"membership"."${otherColumn}"::text`, "string", { lowered: true });
  const subAttribute = (name: string): Scalar => {
    if (name.toLowerCase() !== "value") throw new InvalidFilterError(`Filtering on the sub-attribute "${name}" of members is not supported`);
    return value;
  };
  return {
    present: Prisma.sql`EXISTS (SELECT 1 FROM ${rows})`,
    collection: { some: (where) => Prisma.sql`EXISTS (SELECT 1 FROM ${rows} AND ${where(subAttribute)})` },
    implied: "value",
  };
}

/** meta is kept in columns, not in raw; only its timestamps can be filtered on. */
function meta(table: string): Attribute {
  // Stored as UTC in timestamp columns without a zone.
  const known = new Map([
    ["created", column(`("${table}"."createdAt" AT TIME ZONE 'UTC')`, "dateTime")],
    ["lastmodified", column(`("${table}"."updatedAt" AT TIME ZONE 'UTC')`, "dateTime")],
  ]);
  return {
    present: Prisma.sql`TRUE`,
    subAttribute: (name) => {
      const scalar = known.get(name.toLowerCase());
      if (!scalar) throw new InvalidFilterError(`Filtering on meta.${name} is not supported`);
      return scalar;
    },
  };
}

function definitions(entries: Record<string, Definition>): Definitions {
  return new Map(Object.entries(entries).map(([name, definition]) => [name.toLowerCase(), definition]));
}

// RFC 7643 §4.1.2 multi-valued attributes sharing the value/display/type/primary layout.
const TYPED_VALUE: Record<string, ScalarType> = { value: "string", display: "string", type: "string", primary: "boolean" };

const USER = `"DirectoryUser"`;
const userRaw = Prisma.raw(`${USER}."raw"`);
const enterprise = jsonMember(userRaw, ENTERPRISE_USER_SCHEMA);

function userJson(name: string): Definition {
  return () => simple(json(jsonMember(userRaw, name), "string"));
}

function userCollection(name: string, known: Record<string, ScalarType>, extra: Partial<Attribute> = {}): Definition {
  return () => {
    const value = jsonMember(userRaw, name);
    return { present: jsonPresent(value), collection: jsonCollection(value, known), ...extra };
  };
}

/** Entra's older payloads put enterprise attributes at the top level, so that is the fallback. */
function enterpriseValue(name: string): Prisma.Sql {
  return Prisma.sql`COALESCE(${jsonMember(enterprise, name)}, ${jsonMember(userRaw, name)})`;
}

const userCore = definitions({
  schemas: () => jsonStrings(jsonMember(userRaw, "schemas")),
  id: () => simple(column(`${USER}."id"::text`, "string", { lowered: true })),
  externalId: () => simple(column(`${USER}."externalId"`, "string", { caseExact: true })),
  userName: () => simple(column(`${USER}."userNameKey"`, "string", { lowered: true })),
  displayName: () => simple(column(`${USER}."displayName"`, "string")),
  active: () => simple(column(`${USER}."active"`, "boolean")),
  name: () => {
    const name = jsonMember(userRaw, "name");
    return {
      present: jsonPresent(name),
      subAttribute: subAttributes(name, {
        givenName: column(`${USER}."givenName"`, "string"),
        familyName: column(`${USER}."familyName"`, "string"),
        formatted: "string",
        middleName: "string",
        honorificPrefix: "string",
        honorificSuffix: "string",
      }),
    };
  },
  nickName: userJson("nickName"),
  profileUrl: userJson("profileUrl"),
  title: userJson("title"),
  userType: userJson("userType"),
  preferredLanguage: userJson("preferredLanguage"),
  locale: userJson("locale"),
  timezone: userJson("timezone"),
  password: () => {
    throw new InvalidFilterError("password cannot be used in a filter");
  },
  emails: userCollection("emails", TYPED_VALUE, {
    implied: "value",
    primaryColumn: column(`${USER}."emailKey"`, "string", { lowered: true }),
  }),
  phoneNumbers: userCollection("phoneNumbers", TYPED_VALUE, { implied: "value" }),
  ims: userCollection("ims", TYPED_VALUE, { implied: "value" }),
  photos: userCollection("photos", TYPED_VALUE, { implied: "value" }),
  entitlements: userCollection("entitlements", TYPED_VALUE, { implied: "value" }),
  roles: userCollection("roles", TYPED_VALUE, { implied: "value" }),
  x509Certificates: userCollection("x509Certificates", TYPED_VALUE, { implied: "value" }),
  addresses: userCollection("addresses", {
    formatted: "string",
    streetAddress: "string",
    locality: "string",
    region: "string",
    postalCode: "string",
    country: "string",
    type: "string",
    primary: "boolean",
  }),
  groups: () => membership("directoryUserId", `${USER}."id"`, "groupId"),
  meta: () => meta("DirectoryUser"),
});

const enterpriseString = (name: string): Definition => () => simple(json(enterpriseValue(name), "string"));

const userEnterprise = definitions({
  employeeNumber: enterpriseString("employeeNumber"),
  costCenter: enterpriseString("costCenter"),
  organization: enterpriseString("organization"),
  division: enterpriseString("division"),
  department: enterpriseString("department"),
  // Entra compares `manager eq <id>`; stored as {value,…} or, from PATCH, [{value,…}].
  manager: () => {
    const manager = enterpriseValue("manager");
    return {
      present: jsonPresent(manager),
      collection: jsonCollection(manager, { value: "string", displayName: "string", $ref: "string" }),
      implied: "value",
    };
  },
});

export const userResource: Resource = {
  endpoint: "Users",
  raw: userRaw,
  schema: USER_SCHEMA,
  core: userCore,
  extensions: new Map([[ENTERPRISE_USER_SCHEMA.toLowerCase(), { definitions: userEnterprise, object: enterprise }]]),
};

const GROUP = `"DirectoryGroup"`;
const groupRaw = Prisma.raw(`${GROUP}."raw"`);

export const groupResource: Resource = {
  endpoint: "Groups",
  raw: groupRaw,
  schema: GROUP_SCHEMA,
  core: definitions({
    schemas: () => jsonStrings(jsonMember(groupRaw, "schemas")),
    id: () => simple(column(`${GROUP}."id"::text`, "string", { lowered: true })),
    externalId: () => simple(column(`${GROUP}."externalId"`, "string", { caseExact: true })),
    displayName: () => simple(column(`${GROUP}."displayNameKey"`, "string", { lowered: true })),
    members: () => membership("groupId", `${GROUP}."id"`, "directoryUserId"),
    meta: () => meta("DirectoryGroup"),
  }),
  extensions: new Map(),
};

/** An attribute we have no definition for, read untyped from `object`. */
function unknown(object: Prisma.Sql, name: string): Attribute {
  const value = jsonMember(object, name);
  return { present: jsonPresent(value), scalar: json(value, "any"), collection: jsonCollection(value, {}) };
}

/**
 * The attribute `path` names, ignoring its sub-attribute. Unqualified names
 * are looked up in the core schema, then in the extensions; other names are
 * read from raw untyped.
 */
export function resolveAttribute(resource: Resource, path: AttributePath): Attribute {
  const name = path.name.toLowerCase();
  const { raw } = resource;
  const uri = path.uri?.toLowerCase();
  if (uri === undefined || uri === resource.schema.toLowerCase()) {
    const core = resource.core.get(name);
    if (core) return core();
    if (uri === undefined) {
      for (const extension of resource.extensions.values()) {
        const definition = extension.definitions.get(name);
        if (definition) return definition();
      }
    }
    return unknown(raw, path.name);
  }
  const extension = resource.extensions.get(uri);
  if (extension) return extension.definitions.get(name)?.() ?? unknown(extension.object, path.name);
  if (uri.startsWith(STANDARD_SCHEMA_PREFIX)) {
    throw new InvalidFilterError(`${path.uri} is not a schema of ${resource.endpoint}`);
  }
  return unknown(jsonMember(raw, path.uri!), path.name);
}
