import { RegisterFormLoader } from "@/components/register/RegisterFormLoader";

export const metadata = { title: "Register a document · Integra Agreements" };

export default function RegisterPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Register a document</h1>
        <p className="mt-1 text-slate-600">
          The file is hashed (SHA-256) on your device; only its hash goes on chain. Then tokens are reserved for each party to claim.
        </p>
      </header>
      <RegisterFormLoader />
    </div>
  );
}
