import { EphemeralWalletPanel } from "@/components/wallet/EphemeralWalletPanel";

export const metadata = { title: "Ephemeral wallet · Integra Agreements" };

export default function WalletPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Ephemeral wallet</h1>
        <p className="mt-1 text-slate-600">
          A wallet made in this browser for one agreement: no extension, no seed phrase. Give its address to the clerk, claim your token,
          back it up or forget it.
        </p>
      </header>
      <EphemeralWalletPanel />
    </div>
  );
}
