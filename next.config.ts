import type { NextConfig } from "next";
import { parseServedChains } from "./lib/config/chainsSetting";

// The chains setting is checked once, where the app is built or served: a mistake stops `next build` / `next dev` /
// the server with its reason, instead of reaching every visitor's browser.
parseServedChains(
  process.env.NEXT_PUBLIC_CHAINS,
  Number(process.env.NEXT_PUBLIC_CHAIN_ID ?? 31337),
  process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545",
);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Benchmarks build into their own folder so they never clobber the app's build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole project once (tsc); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
