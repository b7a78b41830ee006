import { readFile } from "node:fs/promises";
import { randomInt } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { useTestApp } from "../support/app.js";
import { describeEachDatabase } from "../support/databases.js";
import { createDirectory, createOrganization } from "../support/fixtures.js";
import { runRunscopeTest, type RunscopeTest } from "./runscope.js";

// CI lays shared/ beside the clone, as on the development machines.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPEC_TEST = path.resolve(repoRoot, "../shared/conformance/okta/Okta-SCIM-20-SPEC-Test.json");

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");
const lowercase = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join("");

/** The initial variables the way Okta's generator script makes them (see shared/conformance/README.md). */
function oktaVariables(scimBaseUrl: string, bearerToken: string): Record<string, string> {
  const randomGivenName = `Runscope${digits(3)}`;
  const randomFamilyName = `${lowercase(1).toUpperCase()}${lowercase(8)}${digits(3)}`;
  const randomEmail = `${randomGivenName}${randomFamilyName}@atko.com`;
  return {
    SCIMBaseURL: scimBaseUrl,
    auth: `Bearer ${bearerToken}`,
    randomGivenName,
    randomFamilyName,
    randomEmail,
    randomUsername: randomEmail,
    randomUsernameCaps: randomEmail.toUpperCase(),
    InvalidUserEmail: "abcdefgh@atko.com",
    UserIdThatDoesNotExist: "010101001010101011001010101011",
  };
}

describeEachDatabase("Okta SCIM 2.0 SPEC test (Runscope export, replayed)", (kind) => {
  const t = useTestApp(kind);

  it("passes all 52 assertions and its script against a fresh Okta directory", async () => {
    const spec = JSON.parse(await readFile(SPEC_TEST, "utf8")) as RunscopeTest;
    const organization = await createOrganization(t);
    const { directory, bearerToken } = await createDirectory(t, organization.id, "OKTA_SCIM_V2");
    // The SPEC test's first step reads an existing user with name, emails and active.
    const seed = await fetch(`${directory.scimBaseUrl}/Users`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearerToken}`, "content-type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "existing.user@atko.com",
        name: { givenName: "Existing", familyName: "User" },
        emails: [{ primary: true, value: "existing.user@atko.com", type: "work" }],
        active: true,
      }),
    });
    expect(seed.status).toBe(201);

    const results = await runRunscopeTest(spec, oktaVariables(directory.scimBaseUrl, bearerToken));

    const failures = results.filter((result) => !result.passed);
    expect(failures, "failing assertions").toEqual([]);
    expect(results.filter((result) => result.check !== "script")).toHaveLength(52);
    expect(results.filter((result) => result.check === "script")).toHaveLength(1);
  });
});
