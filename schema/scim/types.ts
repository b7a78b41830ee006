/**
 * SCIM resources as JSON. They stay loose records: Roster keeps what the IdP
 * sent, so unknown attributes and extensions ride along untouched.
 */
export type JsonObject = { [key: string]: unknown };

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

/** One value of a multi-valued attribute (emails, phoneNumbers, members, …). */
export interface ScimMultiValue extends JsonObject {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
}

export interface ScimMeta extends JsonObject {
  resourceType?: string;
  created?: string;
  lastModified?: string;
  location?: string;
  version?: string;
}

export interface ScimName extends JsonObject {
  formatted?: string;
  familyName?: string;
  givenName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

export interface ScimAddress extends JsonObject {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  type?: string;
  primary?: boolean;
}

export interface ScimEnterpriseUser extends JsonObject {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; $ref?: string; displayName?: string };
}

export interface ScimUser extends JsonObject {
  schemas?: string[];
  id?: string;
  externalId?: string;
  userName?: string;
  name?: ScimName;
  displayName?: string;
  active?: boolean;
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  addresses?: ScimAddress[];
  meta?: ScimMeta;
  [ENTERPRISE_USER_SCHEMA]?: ScimEnterpriseUser;
}

export interface ScimGroup extends JsonObject {
  schemas?: string[];
  id?: string;
  externalId?: string;
  displayName?: string;
  members?: ScimMultiValue[];
  meta?: ScimMeta;
}
