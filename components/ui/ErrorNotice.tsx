"use client";

import { Suspense, lazy } from "react";

/**
 * The words for an error (describeError, the revert message table, viem's error decoding) are fetched when an error
 * first shows, so pages that show none ship none of that code.
 */
const DescribedErrorNotice = lazy(() => import("./DescribedErrorNotice").then((m) => ({ default: m.DescribedErrorNotice })));

/**
 * Until they arrive, a box of the notice's size and colours holds the place (hidden from assistive technology: the
 * notice itself, role="alert", is announced once, with its words).
 */
function ErrorNoticePlaceholder() {
  return (
    <div aria-hidden="true" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-950">
      <p className="font-semibold">&nbsp;</p>
      <div className="mt-1">&nbsp;</div>
    </div>
  );
}

/** A failed read or write, in plain words. */
export function ErrorNotice({ error }: { error: unknown }) {
  return (
    <Suspense fallback={<ErrorNoticePlaceholder />}>
      <DescribedErrorNotice error={error} />
    </Suspense>
  );
}
