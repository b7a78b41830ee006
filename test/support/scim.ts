import { decodeGlobalID } from "@pothos/plugin-relay";
import type { TestApp } from "./app.js";
import { createDirectory, createOrganization } from "./fixtures.js";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export interface ScimResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; tests check its shape with assertions. */
  body: any;
}

/** An IdP's view of Roster: HTTP calls to one directory's SCIM base URL with its token. */
export interface ScimClient {
  baseUrl: string;
  token: string;
  directoryId: string;
  organizationId: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimResponse>;
  get(path: string, headers?: Record<string, string>): Promise<ScimResponse>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<ScimResponse>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<ScimResponse>;
  patch(path: string, operations: unknown[], headers?: Record<string, string>): Promise<ScimResponse>;
  delete(path: string, headers?: Record<string, string>): Promise<ScimResponse>;
  /** POST /Users with a minimal Okta-style body; returns the created resource. */
  createUser(userName: string, extra?: Record<string, unknown>): Promise<any>;
  createGroup(displayName: string, memberIds?: string[]): Promise<any>;
}

export function scimClient(baseUrl: string, token: string, ids: { directoryId: string; organizationId: string }): ScimClient {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/scim+json",
        ...(body !== undefined ? { "content-type": "application/scim+json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const client: ScimClient = {
    baseUrl,
    token,
    ...ids,
    request,
    get: (path, headers) => request("GET", path, undefined, headers),
    post: (path, body, headers) => request("POST", path, body, headers),
    put: (path, body, headers) => request("PUT", path, body, headers),
    patch: (path, operations, headers) => request("PATCH", path, { schemas: [PATCH_SCHEMA], Operations: operations }, headers),
    delete: (path, headers) => request("DELETE", path, undefined, headers),
    async createUser(userName, extra = {}) {
      const response = await request("POST", "/Users", {
        schemas: [USER_SCHEMA],
        userName,
        name: { givenName: "Given", familyName: "Family" },
        emails: [{ primary: true, value: userName, type: "work" }],
        active: true,
        ...extra,
      });
      if (response.status !== 201) throw new Error(`createUser ${userName}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async createGroup(displayName, memberIds = []) {
      const response = await request("POST", "/Groups", {
        schemas: [GROUP_SCHEMA],
        displayName,
        members: memberIds.map((value) => ({ value })),
      });
      if (response.status !== 201) throw new Error(`createGroup ${displayName}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
  };
  return client;
}

/** A new organization with one directory of the given provider, and a SCIM client for it. */
export async function newDirectory(t: TestApp, provider = "OKTA_SCIM_V2"): Promise<ScimClient> {
  const organization = await createOrganization(t);
  const { directory, bearerToken } = await createDirectory(t, organization.id, provider);
  return scimClient(directory.scimBaseUrl, bearerToken, {
    directoryId: decodeGlobalID(directory.id).id,
    organizationId: organization.id,
  });
}
