import { MAX_PAGE_SIZE } from "../../schema/services/scimListing.js";
import {
  groupSchema,
  userSchema,
  type AttributeDefinition,
  type SchemaDefinition,
} from "../../schema/scim/resourceSchemas.js";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "../../schema/scim/types.js";

/** Discovery documents (RFC 7643 §5–7), advertising exactly what Roster supports. */

const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://github.com/roster/roster#connect-okta",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "The directory's SCIM Bearer Token, sent as Authorization: Bearer <token>.",
        specUri: "https://www.rfc-editor.org/info/rfc6750",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

function resourceType(baseUrl: string, name: "User" | "Group") {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: name,
    name,
    endpoint: `/${name}s`,
    description: name === "User" ? "User Account" : "Group",
    schema: name === "User" ? USER_SCHEMA : GROUP_SCHEMA,
    ...(name === "User" ? { schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }] } : {}),
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${name}` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [resourceType(baseUrl, "User"), resourceType(baseUrl, "Group")];
}

// Attributes whose values the server compares case-sensitively (RFC 7643 §4).
const CASE_EXACT = new Set(["id", "externalId", "$ref", "value"]);

function describeAttribute(attribute: AttributeDefinition, parent?: string): Record<string, unknown> {
  const isId = attribute.name === "id";
  return {
    name: attribute.name,
    type: attribute.name === "$ref" ? "reference" : attribute.type === "unknown" ? "string" : attribute.type,
    multiValued: attribute.multiValued ?? false,
    description: parent ? `${parent}.${attribute.name}` : attribute.name,
    required: attribute.required ?? false,
    caseExact: CASE_EXACT.has(attribute.name) && parent !== "emails",
    mutability: attribute.readOnly ? "readOnly" : attribute.name === "password" ? "writeOnly" : "readWrite",
    returned: isId ? "always" : attribute.name === "password" ? "never" : "default",
    uniqueness: isId ? "server" : attribute.name === "userName" && !parent ? "server" : "none",
    ...(attribute.subAttributes
      ? { subAttributes: attribute.subAttributes.map((sub) => describeAttribute(sub, attribute.name)) }
      : {}),
  };
}

function describeSchema(baseUrl: string, schema: SchemaDefinition, name: string, description: string) {
  // id, externalId and meta are common attributes (RFC 7643 §3.1), not part of any schema.
  const own = schema.attributes.filter((a) => !["id", "externalId", "meta", "schemas"].includes(a.name));
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: schema.id,
    name,
    description,
    attributes: own.map((attribute) => describeAttribute(attribute)),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

export function schemas(baseUrl: string) {
  return [
    describeSchema(baseUrl, userSchema.core, "User", "User Account"),
    describeSchema(baseUrl, groupSchema.core, "Group", "Group"),
    ...userSchema.extensions.map((extension) =>
      describeSchema(baseUrl, extension, "EnterpriseUser", "Enterprise User"),
    ),
  ];
}

export function listOf(resources: unknown[]) {
  return {
    schemas: [LIST_RESPONSE],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
