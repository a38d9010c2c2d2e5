"use client";

import { ConnectButton } from "@rainbow-me/rainbowkit";
import Link from "next/link";
import { usePathname } from "next/navigation";

const NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/register", label: "Register" },
  { href: "/claims", label: "Claims" },
  { href: "/verify", label: "Verify" },
  { href: "/wallet", label: "Wallet" },
] as const;

export function SiteHeader() {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-teal-800">
          Integra<span className="font-normal text-slate-500"> Agreements</span>
        </Link>
        <div className="sm:order-last">
          <ConnectButton chainStatus="icon" showBalance={false} accountStatus="address" />
        </div>
        <nav aria-label="Main" className="order-last w-full overflow-x-auto sm:order-none sm:ml-auto sm:w-auto">
          <ul className="flex gap-1">
            {NAV.map((item) => {
              const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={`block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-teal-50 text-teal-900" : "text-slate-600 hover:bg-slate-100"}`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}
