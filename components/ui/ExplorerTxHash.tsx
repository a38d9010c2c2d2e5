import type { Chain } from "viem";
import { explorerTxUrl } from "@/lib/config/appChain";

/** A transaction's hash, linked on `chain`'s explorer when it has one; plain text without a chain or an explorer. */
export function ExplorerTxHash({ hash, chain }: { hash: string; chain: Chain | undefined }) {
  const url = chain ? explorerTxUrl(hash, chain) : undefined;
  return url ? (
    <a href={url} className="underline">
      {hash}
    </a>
  ) : (
    <>{hash}</>
  );
}
