"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** This page's origin, for links a person shares; "" during server rendering (the origin never changes after). */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
}
