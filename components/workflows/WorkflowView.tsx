"use client";

import Link from "next/link";
import type { Hex } from "viem";
import { recordHref } from "@/components/records/recordHref";
import { TimelineList } from "@/components/timeline/TimelineList";
import { AddressText } from "@/components/ui/AddressText";
import { Card } from "@/components/ui/Card";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import {
  type ChainPart,
  type ChainTimelineState,
  sameMembersEverywhere,
  useWorkflowAcrossChains,
  workflowRecordsOf,
} from "@/hooks/useWorkflowAcrossChains";
import { isUnreachable } from "@/lib/chain/unreachable";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import { parseBytes32, shortHex } from "@/lib/format/hex";
import { WorkflowMembers } from "./WorkflowMembers";

/** Several chains served: each row, record and member list names its chain. With one, the page says nothing of chains. */
const SEVERAL_CHAINS = servedChains.length > 1;

const chainName = (chainId: number) => servedChain(chainId)?.name ?? `Chain ${chainId}`;

/**
 * Every event of one workflow (processHash) on every served chain, live, merged into one timeline, each row marked with
 * its record and chain.
 */
export function WorkflowView({ rawHash }: { rawHash: string }) {
  const processHash = parseBytes32(rawHash);
  const workflow = useWorkflowAcrossChains(processHash);

  if (!processHash) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">Workflow</h1>
        <Notice tone="error" title="This workflow link is broken">
          &ldquo;{decodeURIComponent(rawHash)}&rdquo; is not a workflow id. A processHash is 0x followed by 64 hexadecimal characters.
        </Notice>
      </div>
    );
  }
  const failing = workflow.chains.filter((c) => c.failure !== null);
  const records = workflowRecordsOf(workflow.entries);
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">Workflow</p>
        <h1 className="text-2xl font-bold tracking-tight">
          <span className="mono text-xl" title={processHash}>
            {shortHex(processHash, 10, 8)}
          </span>
        </h1>
      </header>
      {/* With one chain, the outage banner says it is unreachable; with several, which one does not answer. */}
      {SEVERAL_CHAINS && failing.map((state) => <ChainUnreachable key={state.chain.id} state={state} />)}
      {!workflow.anyRead ? (
        workflow.chains.every((c) => c.failed) ? (
          // A failed refresh keeps the events already read; only failed first reads leave nothing to show.
          !SEVERAL_CHAINS && <ErrorNotice error={workflow.chains[0].failure} />
        ) : (
          <Loading label="Reading the workflow's events…" />
        )
      ) : workflow.entries.length === 0 ? (
        <Notice tone="warning" title="No events for this workflow">
          Nothing on {SEVERAL_CHAINS ? "the chains read" : "this chain"} carries this processHash yet: nobody has opened this workflow
          {SEVERAL_CHAINS ? " there" : ""}.
        </Notice>
      ) : (
        <>
          {SEVERAL_CHAINS && (
            <Card title="Chains">
              <ChainsSummary chains={workflow.chains} parts={workflow.parts} />
            </Card>
          )}
          <Card title="Owner and members">
            <OwnerAndMembers processHash={processHash} parts={workflow.parts} />
          </Card>
          <Card title={`Records in this workflow (${records.length})`}>
            <ul className="space-y-2 text-sm">
              {records.map((record) => (
                <li key={`${record.chainId}:${record.integraHash}`} className="flex flex-wrap items-center gap-x-2">
                  <Link href={recordHref(record.integraHash, record.chainId)} className="mono text-teal-800 underline">
                    {shortHex(record.integraHash, 10, 8)}
                  </Link>
                  {SEVERAL_CHAINS && <span className="text-slate-600">on {chainName(record.chainId)}</span>}
                  {record.registrant && <span className="text-slate-600">registered by</span>}
                  {record.registrant && <AddressText address={record.registrant} />}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Timeline">
            <TimelineList entries={workflow.entries} showRecord showChain={SEVERAL_CHAINS} />
          </Card>
        </>
      )}
    </div>
  );
}

/** A chain whose reads fail: what of it is shown. Its reads are retried meanwhile; the other chains keep refreshing. */
function ChainUnreachable({ state }: { state: ChainTimelineState }) {
  const shown = state.entries ? "the events read before are kept" : "its events are not shown";
  return (
    <Notice tone="warning" title={`${state.chain.name} ${isUnreachable(state.failure) ? "is unreachable" : "could not be read"}`}>
      {state.chain.name} {isUnreachable(state.failure) ? "is unreachable" : `could not be read (${state.failure?.message})`}: {shown}.
    </Notice>
  );
}

/** Per served chain: what of the workflow is registered there and how much of it is complete, from its events alone. */
function ChainsSummary({ chains, parts }: { chains: readonly ChainTimelineState[]; parts: readonly ChainPart[] }) {
  return (
    <ul aria-label="Chains of this workflow" className="space-y-1 text-sm">
      {chains.map(({ chain, entries, failure }) => {
        const part = parts.find((p) => p.chainId === chain.id);
        return (
          <li key={chain.id} className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{chain.name}</span>
            {part ? (
              <span className="text-slate-600">
                {part.records > 0
                  ? `${part.records} record${part.records === 1 ? "" : "s"} registered, ${part.complete} complete`
                  : part.workflow.owner
                    ? "opened, no records yet"
                    : "nothing of this workflow"}
              </span>
            ) : (
              <span className="text-slate-500">{failure ? "unreachable" : "reading…"}</span>
            )}
            {entries && failure && <span className="text-amber-800">(unreachable: as last read)</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** The owner and members: once when every chain agrees, else per chain (each chain's workflow admits apart). */
function OwnerAndMembers({ processHash, parts }: { processHash: Hex; parts: readonly ChainPart[] }) {
  const opened = parts.filter((p) => p.workflow.owner !== undefined);
  // Members are admitted with a transaction on the default chain: its list offers the owner the form.
  const defaultPart = parts.find((p) => p.chainId === APP_CHAIN_ID);
  if (sameMembersEverywhere(parts)) {
    const shown = defaultPart?.workflow.owner ? defaultPart : (opened[0] ?? parts[0]);
    return (
      <WorkflowMembers
        processHash={processHash}
        workflow={shown.workflow}
        canAdminister={shown.chainId === APP_CHAIN_ID}
        chainName={SEVERAL_CHAINS ? chainName(shown.chainId) : undefined}
      />
    );
  }
  return (
    <div className="space-y-4">
      {opened.map((part) => (
        <section key={part.chainId} aria-label={`Owner and members on ${chainName(part.chainId)}`} className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">On {chainName(part.chainId)}</h3>
          <WorkflowMembers
            processHash={processHash}
            workflow={part.workflow}
            canAdminister={part.chainId === APP_CHAIN_ID}
            chainName={chainName(part.chainId)}
            membersLabel={part.chainId === APP_CHAIN_ID ? "Members" : `Members on ${chainName(part.chainId)}`}
          />
        </section>
      ))}
    </div>
  );
}
