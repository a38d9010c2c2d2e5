import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { NetworkBanner } from "@/components/NetworkBanner";
import { RememberedTransactions } from "@/components/RememberedTransactions";
import { RpcOutageBanner } from "@/components/RpcOutageBanner";
import { SiteHeader } from "@/components/SiteHeader";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: "Integra Agreements",
  description: "Register documents by hash, claim agreement tokens, follow workflows: the chain as a shared state machine.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          {/* A printed page (the certificate) is the page's content alone. */}
          <div className="print:hidden">
            <SiteHeader />
            <NetworkBanner />
          </div>
          <RpcOutageBanner />
          <RememberedTransactions />
          <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8 print:max-w-none print:p-0">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
