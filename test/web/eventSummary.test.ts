import { expect, it } from "vitest";
import { eventSummary } from "../../web/src/activity/eventSummary.ts";

it("names the user, group, team and grant an event is about, from the payloads Roster records", () => {
  expect(eventSummary({ user: { id: "u", userName: "ada@example.com", email: "ada@example.com" } })).toBe("ada@example.com");
  expect(eventSummary({ group: { id: "g", displayName: "Okta Engineers" }, directoryUserId: "u" })).toBe("Okta Engineers");
  expect(
    eventSummary({
      team: { id: "t", slug: "engineering", name: "Engineering" },
      user: { id: "u", email: "grace@example.com" },
      directoryGroup: { id: "g", displayName: "Okta Engineers" },
      reason: "group_member_added",
    }),
  ).toBe("grace@example.com · Engineering · via Okta Engineers");
  expect(eventSummary({ teamId: "t", groupName: "Sales EMEA", id: "m" })).toBe("group name “Sales EMEA”");
  expect(eventSummary({ directory: { id: "d", name: "Okta production", provider: "OKTA_SCIM_V2" } })).toBe("Okta production");
});

it("says nothing about payloads it does not recognise", () => {
  expect(eventSummary(null)).toBe("");
  expect(eventSummary([1, 2])).toBe("");
  expect(eventSummary({ directory: { id: "d" } })).toBe("");
  expect(eventSummary({ user: { userName: 42 } })).toBe("");
});
