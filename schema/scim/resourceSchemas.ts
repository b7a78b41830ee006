import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./types.js";

/**
 * What PATCH needs to know about the User and Group schemas (RFC 7643 §4.1,
 * §4.2, §4.3): canonical spelling, value type, single vs multi-valued,
 * readOnly and required. References and dateTimes behave as strings here.
 * "unknown" types attributes of extensions Roster has no schema for.
 */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: "string" | "boolean" | "complex" | "unknown";
  readonly multiValued?: boolean;
  readonly readOnly?: boolean;
  readonly required?: boolean;
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  readonly id: string;
  readonly attributes: readonly AttributeDefinition[];
}

export interface ResourceSchema {
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaDefinition[];
}

const string = (name: string, options: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  name,
  type: "string",
  ...options,
});

const strings = (...names: string[]) => names.map((name) => string(name));

const complex = (
  name: string,
  subAttributes: readonly AttributeDefinition[],
  options: Partial<AttributeDefinition> = {},
): AttributeDefinition => ({ name, type: "complex", subAttributes, ...options });

const primary: AttributeDefinition = { name: "primary", type: "boolean" };

/** The value/display/type/primary shape shared by emails, phoneNumbers, ims, photos, … */
const plural = (name: string) => complex(name, [...strings("value", "display", "type"), primary], { multiValued: true });

const common: readonly AttributeDefinition[] = [
  string("schemas", { multiValued: true, readOnly: true }),
  string("id", { readOnly: true }),
  string("externalId"),
  complex("meta", strings("resourceType", "created", "lastModified", "location", "version"), { readOnly: true }),
];

export const userSchema: ResourceSchema = {
  core: {
    id: USER_SCHEMA,
    attributes: [
      ...common,
      string("userName", { required: true }),
      complex("name", strings("formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix")),
      ...strings("displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone"),
      { name: "active", type: "boolean" },
      string("password"),
      plural("emails"),
      plural("phoneNumbers"),
      plural("ims"),
      plural("photos"),
      complex(
        "addresses",
        [...strings("formatted", "streetAddress", "locality", "region", "postalCode", "country", "type"), primary],
        { multiValued: true },
      ),
      complex("groups", strings("value", "$ref", "display", "type"), { multiValued: true, readOnly: true }),
      plural("entitlements"),
      plural("roles"),
      plural("x509Certificates"),
    ],
  },
  extensions: [
    {
      id: ENTERPRISE_USER_SCHEMA,
      attributes: [
        ...strings("employeeNumber", "costCenter", "organization", "division", "department"),
        complex("manager", [...strings("value", "$ref"), string("displayName", { readOnly: true })]),
      ],
    },
  ],
};

export const groupSchema: ResourceSchema = {
  core: {
    id: GROUP_SCHEMA,
    attributes: [
      ...common,
      string("displayName", { required: true }),
      complex("members", strings("value", "$ref", "display", "type"), { multiValued: true }),
    ],
  },
  extensions: [],
};
