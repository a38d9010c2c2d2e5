"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type KeyboardEvent, useRef, useState } from "react";
import { WalletMenu } from "@/components/wallet/WalletMenu";

const NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/register", label: "Register" },
  { href: "/claims", label: "Claims" },
  { href: "/verify", label: "Verify" },
  { href: "/wallet", label: "Wallet" },
] as const;

export function SiteHeader() {
  const pathname = usePathname();
  // The page the phone menu was opened on: moving to another page closes it, with no effect to sync.
  const [openedOn, setOpenedOn] = useState<string>();
  const open = openedOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== "Escape" || !open) return;
    setOpenedOn(undefined);
    menuButton.current?.focus();
  }

  return (
    <header className="border-b border-slate-200 bg-white" onKeyDown={closeOnEscape}>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="mr-auto text-lg font-bold tracking-tight text-teal-800 sm:mr-0">
          Integra<span className="hidden font-normal text-slate-500 sm:inline"> Agreements</span>
        </Link>
        <div className="sm:order-last">
          <WalletMenu />
        </div>
        {/* Below sm the five links do not fit beside the wallet button: they fold behind a menu button. */}
        <button
          ref={menuButton}
          type="button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpenedOn(open ? undefined : pathname)}
          className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:hidden"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75">
            {open ? <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" /> : <path d="M2 4h12M2 8h12M2 12h12" />}
          </svg>
          Menu
        </button>
        <nav
          id="main-nav"
          aria-label="Main"
          className={`${open ? "block" : "hidden"} order-last w-full sm:order-none sm:ml-auto sm:block sm:w-auto`}
        >
          <ul className="flex flex-col gap-1 sm:flex-row">
            {NAV.map((item) => {
              const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    onClick={() => setOpenedOn(undefined)}
                    className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium sm:py-1.5 ${active ? "bg-teal-50 text-teal-900" : "text-slate-600 hover:bg-slate-100"}`}
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
