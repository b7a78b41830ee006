import type { PageInfoLike } from "./listParams.ts";

export function Pagination(props: {
  label: string;
  pageInfo: PageInfoLike;
  totalCount: number;
  shown: number;
  isFirstPage: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  // A backwards page reports hasPreviousPage; a forward one only knows it did not start at the beginning.
  const hasPrevious = props.pageInfo.hasPreviousPage || !props.isFirstPage;
  return (
    <nav className="pagination" aria-label={`${props.label} pages`}>
      <span className="muted">
        {props.shown} shown of {props.totalCount}
      </span>
      <div className="pagination-buttons">
        <button type="button" className="button button-small" disabled={!hasPrevious} onClick={props.onPrevious}>
          Previous
        </button>
        <button type="button" className="button button-small" disabled={!props.pageInfo.hasNextPage} onClick={props.onNext}>
          Next
        </button>
      </div>
    </nav>
  );
}
