/**
 * Entries per eth_call when reading a per-account list view (`reservationsOf`, `recordsOwnedBy`, `offersTo`,
 * `grantsTo`): the contracts return at most 50 (AccountLists.MAX_PAGE); an account with up to this many entries is read in one call, whatever the chain's length.
 */
export const ACCOUNT_PAGE_SIZE = 50n;

/**
 * Reads a paged per-account view to its end (`offset += limit` while `offset < total`), keeping the first row of
 * each key: the contracts may list an id twice (re-reserved after another one), and each page is deduplicated
 * only within itself.
 */
export async function readAccountList<Row>(
  readPage: (offset: bigint, limit: bigint) => Promise<{ rows: readonly Row[]; total: bigint }>,
  keyOf: (row: Row) => string,
): Promise<Row[]> {
  const rows = new Map<string, Row>();
  let offset = 0n;
  let total: bigint;
  do {
    const page = await readPage(offset, ACCOUNT_PAGE_SIZE);
    for (const row of page.rows) if (!rows.has(keyOf(row))) rows.set(keyOf(row), row);
    total = page.total;
    offset += ACCOUNT_PAGE_SIZE;
  } while (offset < total);
  return [...rows.values()];
}
