import Link from "next/link";
import { Dashboard } from "@/components/dashboard/Dashboard";

export default function HomePage() {
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Agreements, on one shared state machine</h1>
        <p className="max-w-3xl text-slate-600">
          Parties who share no software and no trust coordinate one contract on chain: the clerk registers the document by its hash, each
          party claims the token reserved for it, and anyone can verify the file and follow the workflow. Every page reads the contracts
          directly.
        </p>
        <div className="flex flex-wrap gap-2 pt-1">
          <Link href="/register" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800">
            Register a document
          </Link>
          <Link href="/verify" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Verify a document
          </Link>
          <Link href="/wallet" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Make an ephemeral wallet
          </Link>
        </div>
      </header>
      <Dashboard />
      <section aria-labelledby="demo-title" className="rounded-xl border border-dashed border-slate-300 p-4 text-sm">
        <h2 id="demo-title" className="font-semibold">
          Try it with the demo documents
        </h2>
        <p className="mt-1 text-slate-600">
          The local chain is seeded with a deed for 12 Harbour Lane and a three-party purchase agreement. Download one and drop it on the
          verify page:
        </p>
        <ul className="mt-2 list-inside list-disc space-y-1">
          <li>
            <a className="text-teal-800 underline" href="/demo/deed-12-harbour-lane.txt" download>
              Warranty deed, 12 Harbour Lane
            </a>
          </li>
          <li>
            <a className="text-teal-800 underline" href="/demo/purchase-agreement-12-harbour-lane.txt" download>
              Purchase agreement, 12 Harbour Lane
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
