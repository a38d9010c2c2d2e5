"use client";

import type { Hex } from "viem";
import { AddressText } from "@/components/ui/AddressText";
import { Notice } from "@/components/ui/Notice";
import { walletPart } from "@/components/wallet/WithWallet";
import { useWalletAccount } from "@/hooks/wallet";
import type { Workflow } from "@/lib/reads/workflows";

// Shown to the workflow's owner only: loaded with the wallet.
const MemberAdmin = walletPart(() => import("./MemberAdmin.wallet").then((m) => m.MemberAdmin));

/**
 * Who the workflow belongs to and who it admitted on one chain: the only accounts whose records can be in it there.
 * `chainName` names that chain when several are served; `canAdminister`: the owner may admit and remove from here
 * (the chain its transactions go to).
 */
export function WorkflowMembers({
  processHash,
  workflow,
  canAdminister = true,
  chainName,
  membersLabel = "Members",
}: {
  processHash: Hex;
  workflow: Workflow;
  canAdminister?: boolean;
  chainName?: string;
  /** The members list's accessible name: one list per chain when the chains' members differ. */
  membersLabel?: string;
}) {
  const { address } = useWalletAccount();
  const { owner, members } = workflow;
  if (!owner) {
    return (
      <Notice tone="warning" title="Nobody has opened this workflow">
        No owner holds this processHash on {chainName ?? "this chain"}, so no record can be registered into it there.
      </Notice>
    );
  }
  const isOwner = address?.toLowerCase() === owner.toLowerCase();
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">
        Only the owner and the members it admitted can register records into this workflow, so every record below comes from one of them.
      </p>
      <dl className="grid gap-1 sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-500">Owner</dt>
        <dd>
          <AddressText address={owner} />
        </dd>
        <dt className="text-slate-500">Members</dt>
        <dd>
          {members.length === 0 ? (
            <span className="text-slate-500">None admitted</span>
          ) : (
            <ul aria-label={membersLabel} className="space-y-1">
              {members.map((member) => (
                <li key={member}>
                  <AddressText address={member} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {isOwner && canAdminister && <MemberAdmin processHash={processHash} members={members} />}
    </div>
  );
}
