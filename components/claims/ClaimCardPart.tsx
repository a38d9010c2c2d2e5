"use client";

import { Loading } from "@/components/ui/Skeleton";
import { walletPart } from "@/components/wallet/WithWallet";

/** A claim card needs the connected wallet (balance, signing): its code loads with the wallet's. */
export const ClaimCard = walletPart(
  () => import("./ClaimCard.wallet").then((m) => m.ClaimCard),
  () => <Loading label="Loading the claim…" />,
);
