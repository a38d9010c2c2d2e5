"use client";

import { useSyncExternalStore } from "react";
import { privateKeyToAccount } from "viem/accounts";
import { loadEphemeralKey, subscribeEphemeralKey } from "@/lib/ephemeral/keyStore";

/** The ephemeral wallet's key and address in this browser (undefined on the server and when there is none). */
export function useEphemeralKey() {
  const key = useSyncExternalStore(subscribeEphemeralKey, loadEphemeralKey, () => undefined);
  return { key, address: key ? privateKeyToAccount(key).address : undefined };
}
