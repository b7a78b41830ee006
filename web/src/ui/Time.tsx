import { formatDateTime, formatRelative } from "./format.ts";

/** A relative time with the exact one on hover and for assistive technology. */
export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
