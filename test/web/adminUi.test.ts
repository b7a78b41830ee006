import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { pino } from "pino";
import { startWebhookDispatcher, type Dispatcher } from "../../server/webhooks/dispatcher.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdmin } from "../support/admin.js";
import { useTestApp } from "../support/app.js";
import { launchChromium, screenshot } from "../support/browser.js";
import { createOrganization, expectData } from "../support/fixtures.js";
import { scimClient, type ScimClient } from "../support/scim.js";

// The admin UI in real headless Chromium against a real Roster server, with
// this test playing Okta over SCIM. Steps run in order and share one page.
// PGlite only: the browser flow exercises no database-specific code.
describe("admin web UI in Chromium", () => {
  const t = useTestApp("pglite");
  let browser: Browser;
  let page: Page;
  let admin: { email: string; password: string };
  let okta: ScimClient;
  let firstToken: string;
  const users: Record<string, string> = {};
  const pageErrors: string[] = [];
  // A webhook receiver that answers `receiverStatus`, and the dispatcher (one attempt, so failure shows at once).
  let receiver: Server;
  let receiverUrl: string;
  let receiverStatus = 500;
  const received: { type: string; signature: string | undefined }[] = [];
  let dispatcher: Dispatcher;
  const wait = { timeout: 15_000 };

  beforeAll(async () => {
    browser = await launchChromium();
    const organization = await createOrganization(t);
    for (const name of ["Engineering", "Sales"]) {
      expectData(
        await t.gql(`mutation ($input: CreateTeamInput!) { createTeam(input: $input) { __typename } }`, {
          input: { organizationId: organization.id, name },
        }),
      );
    }
    admin = await createAdmin(t, [organization.id]);
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        if (receiverStatus < 300) {
          received.push({ type: JSON.parse(body).type, signature: req.headers["roster-signature"] as string | undefined });
        }
        res.writeHead(receiverStatus).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    dispatcher = startWebhookDispatcher({
      prisma: t.db.prisma,
      logger: pino({ level: "silent" }),
      retry: { maxAttempts: 1 },
      pollIntervalMs: 200,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  // Each step builds on the previous one: after a failure, keep its picture and skip the rest.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return;
    failed = true;
    if (pageErrors.length > 0) console.error(`errors in the page:\n${pageErrors.join("\n")}`);
    await screenshot(page, `failed-${context.task.name.replace(/\W+/g, "-")}`).catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await dispatcher?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const link = (name: string) => page.getByRole("link", { name, exact: true });
  const button = (name: string) => page.getByRole("button", { name, exact: true });

  it("signs in, refusing a wrong password first", async () => {
    await page.goto(`${t.url}/settings/organization/dsync`);
    await page.waitForURL("**/sign-in");
    await screenshot(page, "01-sign-in");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await button("Sign in").click();
    await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor(wait);
    await page.getByLabel("Password").fill(admin.password);
    await button("Sign in").click();
    await page.waitForURL("**/settings/organization/dsync");
    await page.getByText("Directory Sync is not configured").waitFor(wait);
    // Survives only as long as the page is never reloaded.
    await page.evaluate(() => Object.assign(window, { rosterNoReload: true }));
    await screenshot(page, "02-dsync-not-configured");
  });

  it("configures an Okta directory and shows its SCIM URL, one-time token and Okta setup steps", async () => {
    await button("Configure").click();
    const providers = await page.locator("#directory-provider option").allTextContents();
    expect(providers).toEqual([
      "Okta SCIM v2.0",
      "Microsoft Entra ID SCIM v2.0",
      "OneLogin SCIM v2.0",
      "JumpCloud SCIM v2.0",
      "Generic SCIM v2.0",
    ]);
    await page.getByLabel("Directory name").fill("Okta production");
    await page.getByLabel("Directory provider").selectOption({ label: "Okta SCIM v2.0" });
    await screenshot(page, "03-configure-form");
    await button("Save").click();

    const baseUrl = await page.getByLabel("SCIM Base URL", { exact: true }).inputValue();
    firstToken = await page.getByLabel("SCIM Bearer Token", { exact: true }).inputValue();
    expect(baseUrl).toMatch(new RegExp(`^${t.url}/scim/v2/[0-9a-f-]{36}$`));
    expect(firstToken).toMatch(/^roster_scim_/);
    await page.getByText("It is shown only once").waitFor(wait);
    const steps = await page.locator(".steps").innerText();
    for (const text of [
      "Import New Users and Profile Updates",
      "Push New Users",
      "Push Profile Updates",
      "Push Groups",
      "HTTP Header",
      "Create Users",
      "Update User Attributes",
      "Deactivate Users",
      "username, givenName, familyName, email and displayName",
    ]) {
      expect(steps).toContain(text);
    }
    expect(await page.locator(".steps code").first().innerText()).toBe("email");
    await screenshot(page, "04-dsync-configured");
    okta = scimClient(baseUrl, firstToken, { directoryId: baseUrl.split("/").pop()!, organizationId: "" });
  });

  it("shows users as Okta pushes them, without a reload", async () => {
    await link("Users").click();
    await page.getByText("No users yet").waitFor(wait);
    for (const [given, family] of [
      ["Ada", "Lovelace"],
      ["Grace", "Hopper"],
      ["Alan", "Turing"],
    ]) {
      const userName = `${given.toLowerCase()}@example.com`;
      // Okta looks the user up by its unique identifier before creating it.
      const lookup = await okta.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
      expect(lookup.body.totalResults).toBe(0);
      const created = await okta.post("/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName,
        name: { givenName: given, familyName: family },
        emails: [{ primary: true, value: userName, type: "work" }],
        displayName: `${given} ${family}`,
        locale: "en-US",
        externalId: `00u${given.toLowerCase()}`,
        groups: [],
        password: "okta-sends-one",
        active: true,
      });
      expect(created.status).toBe(201);
      users[given] = created.body.id;
    }
    for (const name of ["Ada Lovelace", "Grace Hopper", "Alan Turing"]) await link(name).waitFor(wait);
    expect(await page.locator("table .badge", { hasText: "Active" }).count()).toBe(3);
    await screenshot(page, "05-directory-users");

    await page.getByLabel("Search users").fill("grace");
    await page.waitForURL("**/dsync/users?q=grace");
    await link("Alan Turing").waitFor({ state: "detached", ...wait });
    expect(await link("Grace Hopper").isVisible()).toBe(true);
    await page.getByLabel("Search users").fill("");
    await link("Alan Turing").waitFor(wait);
  });

  it("shows the group Okta pushes, with its members, without a reload", async () => {
    await link("Groups").click();
    await page.getByText("No groups yet").waitFor(wait);
    const group = await okta.post("/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Okta Engineers",
      members: [],
    });
    expect(group.status).toBe(201);
    await link("Okta Engineers").waitFor(wait);
    const added = await okta.patch(`/Groups/${group.body.id}`, [
      {
        op: "add",
        path: "members",
        value: [
          { value: users.Ada, display: "ada@example.com" },
          { value: users.Grace, display: "grace@example.com" },
        ],
      },
    ]);
    expect([200, 204]).toContain(added.status);
    await page.locator("tr", { has: link("Okta Engineers") }).locator("td.num", { hasText: "2" }).waitFor(wait);
    await screenshot(page, "06-directory-groups");
    expect(await page.evaluate(() => "rosterNoReload" in window)).toBe(true);
  });

  it("shows a directory user's raw SCIM attributes and groups, and a group's members", async () => {
    await link("Users").click();
    await link("Ada Lovelace").click();
    await page.getByRole("heading", { name: "Ada Lovelace" }).waitFor(wait);
    expect(await page.getByLabel("Raw SCIM attributes").innerText()).toContain('"familyName": "Lovelace"');
    await link("Okta Engineers").waitFor(wait);
    await screenshot(page, "07-directory-user");

    await link("Okta Engineers").click();
    await page.getByRole("heading", { name: "Okta Engineers" }).waitFor(wait);
    await link("Grace Hopper").waitFor(wait);
    expect(await page.getByText("No team maps “Okta Engineers”").count()).toBe(1);
    await screenshot(page, "08-directory-group");
  });

  it("maps the group's name to a team, refusing a duplicate, and the team gets its members", async () => {
    await link("Directory Sync").click();
    await page.getByText("must match the IdP's group name exactly").waitFor(wait);
    const input = page.getByLabel("Add group name to Engineering");
    await input.fill("Okta Engineers");
    await input.press("Enter");
    await button("Remove group Okta Engineers from Engineering").waitFor(wait);
    await input.fill("Okta Engineers");
    await input.press("Enter");
    await page.getByRole("alert").filter({ hasText: "“Okta Engineers” is already mapped to Engineering." }).waitFor(wait);
    await page.locator("tr", { has: link("Engineering") }).locator("td.num", { hasText: "2" }).waitFor(wait);
    await screenshot(page, "09-team-mapping");

    await link("Engineering").click();
    await page.getByRole("heading", { name: "Engineering" }).waitFor(wait);
    const members = page.getByRole("table", { name: "Members of Engineering" });
    await members.getByText("Ada Lovelace").waitFor(wait);
    await members.getByText("Grace Hopper").waitFor(wait);
    expect(await members.getByText("Alan Turing").count()).toBe(0);
    expect(await members.getByText("Via IdP group Okta Engineers").count()).toBe(2);
    await screenshot(page, "10-team-members");

    await link("Directory Sync").click();
    await link("Users").click();
    await link("Ada Lovelace").click();
    const teams = page.locator("section", { has: page.getByRole("heading", { name: "Teams" }) });
    await teams.getByText("Via IdP group Okta Engineers").waitFor(wait);
    expect(await teams.getByRole("link", { name: "Engineering" }).count()).toBe(1);
    await screenshot(page, "11-directory-user-teams");
  });

  it("shows a deactivated user's badge and the organization's members", async () => {
    const deactivated = await okta.patch(`/Users/${users.Alan}`, [{ op: "replace", value: { active: false } }]);
    expect([200, 204]).toContain(deactivated.status);
    await link("Directory Sync").click();
    await link("Users").click();
    await page.locator("tr", { has: link("Alan Turing") }).getByText("Deactivated").waitFor(wait);

    await link("Members").click();
    const table = page.getByRole("table", { name: "Organization members" });
    await table.getByText("Grace Hopper").waitFor(wait);
    await table.getByText("Test Admin").waitFor(wait);
    await screenshot(page, "12-members");
  });

  it("shows the event log live, webhook deliveries and their redelivery", async () => {
    await link("Activity").click();
    const log = page.getByRole("list", { name: "Events, newest first" });
    await log.getByText("team.member_added").first().waitFor(wait);
    await page.getByRole("status").getByText("Live").waitFor(wait);

    await page.getByLabel("Endpoint URL", { exact: true }).fill(receiverUrl);
    await page.getByLabel("Event types", { exact: true }).fill("user.created");
    await button("Add endpoint").click();
    expect(await page.getByLabel("Webhook signing secret", { exact: true }).inputValue()).toMatch(/^roster_whsec_/);
    await page.getByRole("article", { name: `Webhook endpoint ${receiverUrl}` }).getByText("No deliveries yet").waitFor(wait);

    const linus = await okta.post("/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "linus@example.com",
      name: { givenName: "Linus", familyName: "Torvalds" },
      emails: [{ primary: true, value: "linus@example.com", type: "work" }],
      displayName: "Linus Torvalds",
      active: true,
    });
    expect(linus.status).toBe(201);
    await log.locator("li", { hasText: "user.created" }).filter({ hasText: "linus@example.com" }).waitFor(wait);

    const deliveries = page.getByRole("table", { name: `Deliveries to ${receiverUrl}` });
    const row = deliveries.locator("tr", { hasText: "user.created" });
    await row.getByText("Failed").waitFor(wait);
    await row.getByText("HTTP 500").waitFor(wait);
    await screenshot(page, "13-activity-failed-delivery");
    receiverStatus = 200;
    await row.getByRole("button", { name: /^Redeliver event/ }).click();
    await row.getByText("Delivered").waitFor(wait);
    expect(received).toEqual([{ type: "user.created", signature: expect.any(String) }]);
    await screenshot(page, "14-activity");
    expect(await page.evaluate(() => "rosterNoReload" in window)).toBe(true);
  });

  it("lists teams and creates one", async () => {
    await link("Teams").click();
    await page.getByRole("table", { name: "Teams" }).getByText("Okta Engineers").waitFor(wait);
    await button("Create team").click();
    await page.getByLabel("Team name").fill("Support");
    await page.getByRole("dialog").getByRole("button", { name: "Create team" }).click();
    await page.getByRole("heading", { name: "Support" }).waitFor(wait);
    await link("← Teams").click();
    await link("Support").waitFor(wait);
    await screenshot(page, "15-teams");
  });

  it("rotates the token after confirmation: the old one stops working", async () => {
    await link("Directory Sync").click();
    await expectHiddenToken();
    await button("Rotate token").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("The current token stops working immediately").waitFor(wait);
    // A modal covers the viewport, not the whole page.
    await screenshot(page, "16-rotate-token-confirm", { fullPage: false });
    await dialog.getByRole("button", { name: "Rotate token" }).click();
    await dialog.waitFor({ state: "hidden", ...wait });
    const rotated = await page.getByLabel("SCIM Bearer Token", { exact: true }).inputValue();
    expect(rotated).toMatch(/^roster_scim_/);
    expect(rotated).not.toBe(firstToken);
    expect((await okta.get("/Users")).status).toBe(401);
    okta = scimClient(okta.baseUrl, rotated, { directoryId: okta.directoryId, organizationId: "" });
    expect((await okta.get("/Users")).status).toBe(200);
  });

  it("stays readable on a narrow window", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText("Team mapping").first().waitFor(wait);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "17-dsync-narrow");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("deletes the directory from the danger zone", async () => {
    await button("Delete directory").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("This cannot be undone").waitFor(wait);
    await dialog.getByRole("button", { name: "Delete directory" }).click();
    await page.getByText("Directory Sync is not configured").waitFor(wait);
    expect((await okta.get("/Users")).status).toBe(404);
  });

  it("signs out", async () => {
    await button("Sign out").click();
    await page.waitForURL("**/sign-in");
    await page.goto(`${t.url}/settings/organization/members`);
    await page.waitForURL("**/sign-in");
    expect(pageErrors).toEqual([]);
  });

  async function expectHiddenToken() {
    // Leaving the page drops the token from the browser: only its prefix remains.
    await link("Members").click();
    await link("Directory Sync").click();
    const shown = await page.getByLabel("SCIM Bearer Token", { exact: true }).inputValue();
    expect(shown).toMatch(/^roster_scim_.{4,}•+$/);
    expect(shown).not.toContain(firstToken.slice(-8));
  }
});
