import { expect, it } from "vitest";
import { formatRelative } from "../../web/src/ui/format.ts";

const now = Date.parse("2026-11-29T12:00:00Z");
const at = (ms: number) => new Date(now + ms).toISOString();

it("says how long ago a sync happened in the largest whole unit", () => {
  expect(formatRelative(at(-20_000), now)).toBe("just now");
  expect(formatRelative(at(-60_000), now)).toBe("1 minute ago");
  expect(formatRelative(at(-5 * 60_000), now)).toBe("5 minutes ago");
  expect(formatRelative(at(-3 * 3_600_000), now)).toBe("3 hours ago");
  expect(formatRelative(at(-86_400_000), now)).toBe("yesterday");
  expect(formatRelative(at(-400 * 86_400_000), now)).toBe("last year");
});
