import type { Wallet } from "@rainbow-me/rainbowkit";
import { createConnector } from "@wagmi/core";
import { ephemeralConnector } from "./ephemeralConnector";

const ICON =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#0f766e"/><path d="M8 10h12v9a2 2 0 0 1-2 2h-8a2 2 0 0 1-2-2z" fill="#fff"/><path d="M11 10V8a3 3 0 0 1 6 0v2" stroke="#fff" stroke-width="2" fill="none"/></svg>',
  );

/** The Ephemeral wallet in RainbowKit's modal: a new in-browser key for this agreement, made on connect. */
export function ephemeralWallet(): Wallet {
  return {
    id: "ephemeral",
    name: "Ephemeral wallet",
    shortName: "Ephemeral",
    iconUrl: ICON,
    iconBackground: "#0f766e",
    installed: true,
    createConnector: (walletDetails) => createConnector((config) => ({ ...ephemeralConnector()(config), ...walletDetails })),
  };
}
