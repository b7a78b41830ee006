import { encodeGlobalID } from "@pothos/plugin-relay";
import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { expectData } from "../../support/fixtures.js";
import { ERROR_SCHEMA, LIST_SCHEMA, newDirectory, USER_SCHEMA } from "../../support/scim.js";

describeEachDatabase("SCIM protocol", (kind) => {
  const t = useTestApp(kind, { maxBodyBytes: 4096 });

  it("refuses missing and wrong tokens with 401, another directory's token included", async () => {
    const a = await newDirectory(t);
    const b = await newDirectory(t);
    for (const authorization of [undefined, "non-token", "Basic abc", `Bearer ${b.token}`]) {
      const response = await a.request("GET", "/Users", undefined, authorization ? { authorization } : { authorization: "" });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "401" });
      expect(response.body.detail).toBeTruthy();
    }
  });

  it("answers 404 for an unknown directory and 403 for a deactivated one", async () => {
    const scim = await newDirectory(t);
    const unknown = await fetch(scim.baseUrl.replace(scim.directoryId, "00000000-0000-4000-8000-000000000000") + "/Users", {
      headers: { authorization: `Bearer ${scim.token}` },
    });
    expect(unknown.status).toBe(404);
    expectData(
      await t.gql(`mutation ($input: UpdateDirectoryInput!) { updateDirectory(input: $input) { __typename } }`, {
        input: { directoryId: encodeGlobalID("Directory", scim.directoryId), active: false },
      }),
    );
    const off = await scim.get("/Users");
    expect(off.status).toBe(403);
    expect(off.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "403" });
  });

  it("accepts application/json and application/scim+json, refuses other media types with 415", async () => {
    const scim = await newDirectory(t);
    const json = await scim.post("/Users", { userName: "json@example.com" }, { "content-type": "application/json; charset=utf-8" });
    expect(json.status).toBe(201);
    const text = await scim.request("POST", "/Users", "userName=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "415" });
  });

  it("refuses malformed JSON with 400 invalidSyntax and oversized bodies with 413", async () => {
    const scim = await newDirectory(t);
    const malformed = await scim.request("POST", "/Users", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    const large = await scim.post("/Users", { userName: "big@example.com", title: "x".repeat(5000) });
    expect(large.status).toBe(413);
    expect(large.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "413" });
    expect((await scim.get("/Users")).body.totalResults).toBe(0);
  });

  it("answers 405 for methods a resource does not support and 501 for Bulk", async () => {
    const scim = await newDirectory(t);
    expect((await scim.request("DELETE", "/Users")).status).toBe(405);
    expect((await scim.put("/Groups", {})).status).toBe(405);
    const bulk = await scim.post("/Bulk", { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [] });
    expect(bulk.status).toBe(501);
    expect(bulk.body.schemas).toEqual([ERROR_SCHEMA]);
  });

  it("answers Entra's test connection (random GUID filter, aadOptscim062020 flag) with an empty list", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const response = await scim.get(
      `/Users?aadOptscim062020&filter=${encodeURIComponent(`userName eq "${crypto.randomUUID()}"`)}`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("advertises exactly what it supports", async () => {
    const scim = await newDirectory(t);
    const config = (await scim.get("/ServiceProviderConfig")).body;
    expect(config).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken" })],
    });
    const types = (await scim.get("/ResourceTypes")).body;
    expect(types.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    const schemas = (await scim.get("/Schemas")).body;
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toEqual([
      USER_SCHEMA,
      "urn:ietf:params:scim:schemas:core:2.0:Group",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    ]);
    const user = (await scim.get(`/Schemas/${USER_SCHEMA}`)).body;
    expect(user.attributes.find((a: { name: string }) => a.name === "userName")).toMatchObject({ required: true, uniqueness: "server" });
    expect((await scim.get("/Schemas/urn:nope")).status).toBe(404);
  });
});
