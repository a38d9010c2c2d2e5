/** The key wagmi's default storage keeps its state under (`wagmi` prefix + `store`). */
export const WAGMI_STORE_KEY = "wagmi.store";

/**
 * Whether wagmi's saved state names a connection this browser had open when it last ran: then the wallet stack
 * loads at once so that wagmi can restore it, as it did when the stack was always loaded. A disconnect clears
 * `current` and the connections, so a person who disconnected is not reconnected (nor made to load the stack).
 */
export function hadWalletSession(saved: string | null | undefined): boolean {
  if (!saved) return false;
  try {
    const { state } = JSON.parse(saved) as { state?: { current?: unknown; connections?: { value?: unknown[] } } };
    return Boolean(state?.current) || (state?.connections?.value?.length ?? 0) > 0;
  } catch {
    return false; // unreadable: wagmi would start disconnected too
  }
}
