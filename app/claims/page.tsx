import { Suspense } from "react";
import { ClaimsView } from "@/components/claims/ClaimsView";

export const metadata = { title: "Claims · Integra Agreements" };

export default function ClaimsPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Your tokens</h1>
        <p className="mt-1 text-slate-600">
          Tokens reserved for your wallet, the attestations that let you claim them, and Claim. Found on chain: nobody has to paste
          anything. No ether needed: an ephemeral wallet only signs, and the relayer or the clerk pays the network fee.
        </p>
      </header>
      <Suspense>
        <ClaimsView />
      </Suspense>
    </div>
  );
}
