import { NetworkStatus } from "@/components/status/NetworkStatus";
import { Card } from "@/components/ui/Card";
import { appChain } from "@/lib/config/appChain";

export const metadata = { title: "Network status · Integra Agreements" };

export default function StatusPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Network status</h1>
        <p className="mt-1 text-slate-600">
          Whether this browser can reach {appChain.name}, which every page reads directly. No wallet needed.
        </p>
      </header>
      <Card title="Chain">
        <NetworkStatus />
      </Card>
    </div>
  );
}
