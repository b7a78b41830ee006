import { useSearchParams } from "react-router";

export const PAGE_SIZE = 25;

export interface PageInfoLike {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/**
 * A list's search text and cursor live in the URL (?q=, ?after=, ?before=),
 * so a page survives reloads and the back button.
 */
export type ListParams = ReturnType<typeof useListParams>;

export function useListParams() {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const after = params.get("after");
  const before = params.get("before");
  const variables = before
    ? { search: search || null, last: PAGE_SIZE, before, first: null, after: null }
    : { search: search || null, first: PAGE_SIZE, after, last: null, before: null };
  return {
    search,
    variables,
    isFirstPage: !after && !before,
    setSearch(value: string) {
      setParams(value ? { q: value } : {}, { replace: true });
    },
    next(pageInfo: PageInfoLike) {
      if (pageInfo.endCursor) setParams({ ...(search ? { q: search } : {}), after: pageInfo.endCursor });
    },
    previous(pageInfo: PageInfoLike) {
      if (pageInfo.startCursor) setParams({ ...(search ? { q: search } : {}), before: pageInfo.startCursor });
    },
  };
}
