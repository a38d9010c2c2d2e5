"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { readRetryDelay, retryRead } from "@/hooks/readRetry";
import { WalletIslandProvider } from "./walletIsland";

/**
 * TanStack Query (every read) and the wallet island, which loads wagmi and RainbowKit only when a wallet is wanted.
 * The query client is made inside the component: one per browser tab.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 4_000, refetchOnWindowFocus: false, retry: retryRead, retryDelay: readRetryDelay } },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <WalletIslandProvider>{children}</WalletIslandProvider>
    </QueryClientProvider>
  );
}
