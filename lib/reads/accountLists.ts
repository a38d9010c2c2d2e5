/**
 * Entries per eth_call when reading a per-account list view (`reservationsOf`, `recordsOwnedBy`, `offersTo`,
 * `grantsTo`): the contracts read at most 50 (AccountLists.MAX_PAGE), so an account with up to this many entries
 * is read in one call, whatever the chain's length.
 */
export const ACCOUNT_PAGE_SIZE = 50n;

/** One page of a per-account view: its rows, the list's length, and where the next page starts when the view says. */
export interface AccountListPage<Row> {
  rows: readonly Row[];
  total: bigint;
  /** The offset of the first entry the page did not read (`reservationsOf` may stop early, at its token budget). */
  next?: bigint;
}

/**
 * Reads a paged per-account view to its end (from `next`, or `offset + limit`, while below `total`), keeping the
 * first row of each key: the contracts may list an id twice (re-reserved after another one), and each page is
 * deduplicated only within itself.
 */
export async function readAccountList<Row>(
  readPage: (offset: bigint, limit: bigint) => Promise<AccountListPage<Row>>,
  keyOf: (row: Row) => string,
): Promise<Row[]> {
  const rows = new Map<string, Row>();
  let offset = 0n;
  let total: bigint;
  do {
    const page = await readPage(offset, ACCOUNT_PAGE_SIZE);
    for (const row of page.rows) if (!rows.has(keyOf(row))) rows.set(keyOf(row), row);
    total = page.total;
    // A view that read nothing would never get further; a well-formed one always reads at least one entry.
    offset = page.next !== undefined && page.next > offset ? page.next : offset + ACCOUNT_PAGE_SIZE;
  } while (offset < total);
  return [...rows.values()];
}
