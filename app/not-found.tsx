import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-600">
        There is no page at this address.{" "}
        <Link href="/" className="underline">
          Go to the dashboard
        </Link>
        .
      </p>
    </div>
  );
}
