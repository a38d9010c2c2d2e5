import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "contracts/out/**",
      "contracts/cache/**",
      "lib/generated/**",
      "cli/dist/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // The solc shim is a CommonJS executable that forge runs directly.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    // An import circle makes the order modules run in, and what a lazy chunk carries, depend on who imports first.
    files: ["{app,components,hooks,lib,cli}/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
];

// Layering (the README's map): lib/ is framework-free (the app, the SDK, the CLI and the benches share it), hooks sit
// on lib, components on hooks, and only app/ composes pages and providers; the CLI, scripts and e2e build on lib.
const framework = [
  { group: ["react", "react-dom", "react/*", "next", "next/*"], message: "Framework-free: no React or Next." },
  { group: ["@tanstack/react-query"], message: "Framework-free: queries live in hooks/." },
];
const appLayers = {
  group: ["@/hooks/*", "@/components/*", "@/app/*"],
  message: "Only the app's own layers import hooks, components and app.",
};
const layers = {
  "lib/**": [...framework, appLayers, { group: ["@/cli/*", "@/e2e/*"], message: "lib/ is imported, it imports only lib/." }],
  "hooks/**": [{ group: ["@/components/*", "@/app/*"], message: "hooks/ must not depend on components or app." }],
  "components/**": [{ group: ["@/app/*"], message: "components/ must not depend on app." }],
  "cli/**": [...framework, appLayers, { group: ["@/scripts/*", "@/e2e/*"], message: "The CLI ships alone: it imports lib/ only." }],
  // scripts/server.ts is Next's own server, so scripts/ may import next.
  "scripts/**": [appLayers, { group: ["@/e2e/*", "@/cli/*"], message: "scripts/ import lib/ and scripts/ only." }],
  "e2e/**": [appLayers],
};

// Wallet code (wagmi, RainbowKit and what is built on them) loads with the wallet, on demand: only app/ and files
// named *.wallet.ts(x) import it, and other files reach a *.wallet module only through a lazy import (walletPart).
const walletFiles = ["**/*.wallet.ts", "**/*.wallet.tsx"];
const walletCode = [
  { group: ["wagmi", "wagmi/*", "@wagmi/*", "@rainbow-me/*"], message: "Wallet code: import it only in app/ and *.wallet.ts(x) files." },
  {
    regex: "\\.wallet$",
    allowTypeImports: true,
    message: "A *.wallet module loads with the wallet: reach it through walletPart(() => import(...)) or from another *.wallet file.",
  },
];

for (const [layer, patterns] of Object.entries(layers)) {
  const files = [`${layer.replace("/**", "")}/**/*.ts`, `${layer.replace("/**", "")}/**/*.tsx`];
  config.push(
    { files, ignores: walletFiles, rules: { "no-restricted-imports": ["error", { patterns: [...patterns, ...walletCode] }] } },
    {
      files: walletFiles.map((f) => f.replace("**", layer.replace("/**", "") + "/**")),
      rules: { "no-restricted-imports": ["error", { patterns }] },
    },
  );
}

export default config;
