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
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  // Layering: lib/ is framework-free (the app, the CLI and the benches share it), hooks sit on lib, components on
  // hooks, and only app/ composes pages and providers.
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "react/*", "next", "next/*"], message: "lib/ is framework-free: no React or Next." },
            {
              group: ["wagmi", "wagmi/*", "@rainbow-me/*", "@tanstack/react-query"],
              message: "lib/ is framework-free: wallets and queries live in hooks/ and app/.",
            },
            { group: ["@/hooks/*", "@/components/*", "@/app/*"], message: "lib/ must not depend on hooks, components or app." },
          ],
        },
      ],
    },
  },
  {
    files: ["hooks/**/*.ts", "hooks/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/components/*", "@/app/*"], message: "hooks/ must not depend on components or app." }] },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*"], message: "components/ must not depend on app." }] }],
    },
  },
];

export default config;
