type Named = Record<string, unknown> | null | undefined;

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

function record(value: unknown): Named {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * A one-line description of an event's subject from its payload, e.g.
 * "ada@example.com · Engineering · via Okta Engineers". Payloads differ by
 * type; this reads the names they share and ignores the rest.
 */
export function eventSummary(payload: unknown): string {
  const p = record(payload);
  if (!p) return "";
  const user = record(p.user);
  const group = record(p.group);
  const team = record(p.team);
  const directory = record(p.directory);
  const grantGroup = record(p.directoryGroup);
  const parts = [
    text(user?.displayName) ?? text(user?.userName) ?? text(user?.email),
    text(group?.displayName),
    text(team?.name),
    text(p.groupName) && `group name “${p.groupName}”`,
    text(directory?.name),
    text(grantGroup?.displayName) && `via ${grantGroup!.displayName}`,
  ];
  return parts.filter(Boolean).join(" · ");
}
