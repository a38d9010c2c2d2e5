"use client";

import dynamic from "next/dynamic";
// The record page reads as soon as it mounts: its readers come with its first load, not in a chunk fetched after
// hydration (hooks/queries.ts loads this same module on the first read).
import "@/lib/reads";
import Link from "next/link";
import type { Hex } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { Card } from "@/components/ui/Card";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import { factsOn } from "@/lib/deployment";
import { shortHex } from "@/lib/format/hex";
import type { RecordInfo } from "@/lib/reads/records";
import { EscrowSection } from "@/components/escrow/EscrowSection";
import { PaymentsPanel } from "@/components/payments/PaymentsPanel";
import { RecordTimeline } from "@/components/timeline/RecordTimeline";
import { CapabilityList } from "./CapabilityList";
import { PrivateDetails } from "./PrivateDetails";
import { DownloadProof } from "./DownloadProof";
import { RecordFacts } from "./RecordFacts";
import { RecordFromLink } from "./RecordFromLink";
import { recordHref } from "./recordHref";
import { SharePanel } from "./SharePanel";
import { WhoPaysNote } from "./WhoPaysNote";
import { useUrlFragment } from "@/hooks/useUrlFragment";
import { TokensTable } from "./TokensTable";
import { VerifyAgainstRecord } from "./VerifyAgainstRecord";
import { WaitingForYou } from "./WaitingForYou";
import { walletPart } from "@/components/wallet/WithWallet";

// Shown only with a signed claim link or to the owner or executor: its checks (signatures, typed data) load then.
const SponsorSignedRequest = dynamic(() => import("./SponsorSignedRequest").then((m) => m.SponsorSignedRequest));

// Shown to a connected wallet only (the pending owner; the owner or executor): loaded with the wallet.
const AcceptOwnership = walletPart(() => import("./AcceptOwnership.wallet").then((m) => m.AcceptOwnership));
const AcceptExecutorRole = walletPart(() => import("./AcceptExecutorRole.wallet").then((m) => m.AcceptExecutorRole));
const OwnerActions = walletPart(() => import("./OwnerActions.wallet").then((m) => m.OwnerActions));
// The same tables with the owner's or executor's actions, and with Revoke for a connected wallet: loaded with the
// wallet, the read-only table shown meanwhile.
const TokensTableAdmin = walletPart(() => import("./TokensTableAdmin.wallet").then((m) => m.TokensTableAdmin), TokensTable);
const CapabilityListRevoke = walletPart(() => import("./CapabilityListRevoke.wallet").then((m) => m.CapabilityListRevoke), CapabilityList);

/** The record a link names (`rawChain`: its `?chain=`, when it names the chain), every card read on the record's chain. */
export function RecordView({ rawHash, rawChain }: { rawHash: string; rawChain?: string }) {
  return (
    <RecordFromLink rawHash={rawHash} rawChain={rawChain}>
      {(integraHash, record, chainId) => <RecordPage integraHash={integraHash} info={record} chainId={chainId} />}
    </RecordFromLink>
  );
}

function RecordPage({ integraHash, info, chainId }: { integraHash: Hex; info: RecordInfo; chainId: number }) {
  const { address } = useWalletAccount();
  const hasSignedLink = useUrlFragment().includes("signed=");
  const me = address?.toLowerCase();
  const isOwner = me === info.owner.toLowerCase();
  const isExecutor = me === info.executor.toLowerCase();
  const { tokenizers, tokenizerKindOf } = factsOn(chainId);
  const kind = tokenizerKindOf(info.tokenizer);
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">
          {kind ? tokenizers[kind].name : "Record"}
          {/* With one chain served, every record is on it: said once, in the record's facts. */}
          {servedChains.length > 1 && <> · on {servedChain(chainId)?.name}</>}
        </p>
        <h1 className="text-2xl font-bold tracking-tight">
          Record{" "}
          <span className="mono text-xl" title={integraHash}>
            {shortHex(integraHash, 10, 8)}
          </span>
        </h1>
        {(isOwner || isExecutor) && (
          <p className="mt-1 text-sm text-teal-800">You are this record&apos;s {isOwner ? "owner" : "executor"}.</p>
        )}
      </header>
      {hasSignedLink && (
        <Card title="Sponsor a party's signed claim" id="sponsor">
          <SponsorSignedRequest integraHash={integraHash} />
        </Card>
      )}
      {address && me === info.pendingOwner.toLowerCase() && (
        <AcceptOwnership integraHash={integraHash} owner={info.owner} version={info.version} account={address} />
      )}
      {address && me === info.pendingExecutor.toLowerCase() && <AcceptExecutorRole integraHash={integraHash} owner={info.owner} />}
      <WaitingForYou integraHash={integraHash} tokenizer={info.tokenizer} fromBlock={info.registeredBlock} />
      <Card title="Record" id="record">
        <RecordFacts record={info} />
      </Card>
      <Card title="Title and reference (private)" id="details">
        <PrivateDetails integraHash={integraHash} registeredBlock={info.registeredBlock} />
      </Card>
      {info.tokenizer !== "0x0000000000000000000000000000000000000000" && (
        <Card title="Tokens" id="tokens">
          {isOwner || isExecutor ? (
            <TokensTableAdmin integraHash={integraHash} record={info} />
          ) : (
            <TokensTable integraHash={integraHash} record={info} />
          )}
          <WhoPaysNote />
        </Card>
      )}
      {info.tokenizer !== "0x0000000000000000000000000000000000000000" && !hasSignedLink && (isOwner || isExecutor) && (
        <Card title="Sponsor a party's signed claim" id="sponsor">
          <SponsorSignedRequest integraHash={integraHash} />
        </Card>
      )}
      <Card title="Capabilities (EAS attestations)" id="capabilities">
        {address ? (
          <CapabilityListRevoke integraHash={integraHash} record={info} />
        ) : (
          <CapabilityList integraHash={integraHash} record={info} />
        )}
      </Card>
      {info.tokenizer !== "0x0000000000000000000000000000000000000000" && (
        <Card title="Payments" id="payments">
          <PaymentsPanel integraHash={integraHash} record={info} />
        </Card>
      )}
      {kind === "multiParty" && (
        <Card title="Escrow" id="escrow">
          <EscrowSection integraHash={integraHash} record={info} canOpen={isOwner || isExecutor} />
        </Card>
      )}
      <Card title="Timeline" id="timeline">
        <RecordTimeline integraHash={integraHash} fromBlock={info.registeredBlock} />
      </Card>
      <Card title="Verify a file against this record" id="verify">
        <VerifyAgainstRecord contentHash={info.contentHash} />
      </Card>
      {info.tokenizer !== "0x0000000000000000000000000000000000000000" && (
        <Card title="Certificate of completion" id="certificate">
          <p className="mb-2 text-sm text-slate-600">
            A printable certificate built from the chain alone: the document&apos;s hash, each party&apos;s role, address and claim, the
            attestations that authorized them, and the completion. Before completion it is marked &ldquo;in progress&rdquo;.
          </p>
          <Link href={recordHref(integraHash, chainId, "/certificate")} className="text-sm font-medium text-teal-800 underline">
            Open the certificate
          </Link>
        </Card>
      )}
      <Card title="Proof" id="proof">
        <DownloadProof integraHash={integraHash} />
      </Card>
      <Card title="Share" id="share">
        <SharePanel path={recordHref(integraHash, chainId)} />
      </Card>
      {(isOwner || isExecutor) && (
        <Card title={isOwner ? "Owner actions" : "Executor actions"} id="actions">
          <OwnerActions integraHash={integraHash} record={info} isOwner={isOwner} />
        </Card>
      )}
    </div>
  );
}
