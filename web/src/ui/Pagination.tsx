import type { PageInfoLike, ListParams } from "./listParams.ts";

/** Previous/Next for a connection whose cursors live in the URL (useListParams). */
export function Pagination(props: {
  label: string;
  connection: { pageInfo: PageInfoLike; totalCount: number; edges: readonly unknown[] };
  list: Pick<ListParams, "isFirstPage" | "next" | "previous">;
}) {
  const { label, connection, list } = props;
  // A backwards page reports hasPreviousPage; a forward one only knows it did not start at the beginning.
  const hasPrevious = connection.pageInfo.hasPreviousPage || !list.isFirstPage;
  return (
    <nav className="pagination" aria-label={`${label} pages`}>
      <span className="muted">
        {connection.edges.length} shown of {connection.totalCount}
      </span>
      <div className="pagination-buttons">
        <button
          type="button"
          className="button button-small"
          disabled={!hasPrevious}
          onClick={() => list.previous(connection.pageInfo)}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!connection.pageInfo.hasNextPage}
          onClick={() => list.next(connection.pageInfo)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
