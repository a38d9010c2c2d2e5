/** wagmi's default storage prefix: its keys are `wagmi.<key>`. */
const WAGMI = "wagmi";
/** The ephemeral wallet's own "connected" flag (lib/ephemeral/keyStore.ts). */
const EPHEMERAL_AUTHORIZED = "integra.ephemeral.authorized";
const EPHEMERAL_KEY = "integra.ephemeral.key";

/**
 * Whether wagmi would restore a wallet on this visit: then the wallet stack loads at once, so that it can, as it
 * did when the stack was always loaded. wagmi's `reconnect` asks each connector whether it is still authorized, so
 * this reads the same marks: the saved connection, the ephemeral wallet's flag (set the moment it connects, before
 * wagmi's own state is saved), and the injected connectors' shims. A wallet the person disconnected clears or
 * contradicts each of them, so it is not reconnected, nor is the stack loaded for it.
 */
export function hadWalletSession(read: (key: string) => string | null): boolean {
  try {
    const saved = JSON.parse(read(`${WAGMI}.store`) ?? "null") as { state?: { current?: unknown } } | null;
    if (saved?.state?.current) return true;
  } catch {
    // unreadable: wagmi would start from nothing too; the marks below may still say something
  }
  if (read(EPHEMERAL_AUTHORIZED) === "true" && read(EPHEMERAL_KEY)) return true;
  // The generic injected connector (window.ethereum) reconnects only with this mark.
  if (read(`${WAGMI}.injected.connected`) !== null) return true;
  // An EIP-6963 wallet (id = its rdns) reconnects unless it was disconnected here; the ephemeral wallet has its flag.
  const recent = parseStored(read(`${WAGMI}.recentConnectorId`));
  return typeof recent === "string" && recent !== "ephemeral" && recent !== "injected" && read(`${WAGMI}.${recent}.disconnected`) === null;
}

function parseStored(value: string | null): unknown {
  try {
    return value === null ? null : JSON.parse(value);
  } catch {
    return value;
  }
}
