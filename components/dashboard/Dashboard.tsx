"use client";

import { useAccount } from "wagmi";
import { Card } from "@/components/ui/Card";

/** The connected wallet's records and the tokens waiting for it. */
export function Dashboard() {
  const { address } = useAccount();
  if (!address) {
    return (
      <Card title="Your records and tokens">
        <p className="text-sm text-slate-600">Connect a wallet to see the records you own and the tokens reserved for you. Reading and verifying need no wallet.</p>
      </Card>
    );
  }
  return null;
}
