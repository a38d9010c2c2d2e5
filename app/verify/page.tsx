import { Suspense } from "react";
import { VerifyPanel } from "@/components/verify/VerifyPanel";

export const metadata = { title: "Verify a document · Integra Agreements" };

export default function VerifyPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Verify a document</h1>
        <p className="mt-1 text-slate-600">
          Is this exact file registered, by whom and when, and has every party claimed? You can also check a proof file downloaded from a
          record. No wallet needed.
        </p>
      </header>
      <Suspense>
        <VerifyPanel />
      </Suspense>
    </div>
  );
}
