import { useRecordChainId } from "@/components/records/RecordChainContext";
import { ExplorerTxHash } from "@/components/ui/ExplorerTxHash";
import { servedChain } from "@/lib/config/servedChains";
import { formatTimestamp } from "@/lib/format/time";
import type { Capability } from "@/lib/reads/capabilities";
import type { TokenRow } from "@/lib/reads/records";

/** One party on the certificate: role and address, the claim (time, block, transaction) and its attestation. */
export function CertificateParty({ name, token, attestation }: { name: string; token: TokenRow; attestation?: Capability }) {
  const claim = token.claim;
  const chain = servedChain(useRecordChainId());
  return (
    <li className="break-inside-avoid rounded-md border border-slate-200 p-3 text-sm">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold">{name}</span>
        <span className={claim ? "font-medium text-emerald-800" : "font-medium text-amber-800"}>
          {claim ? `Claimed ${formatTimestamp(claim.timestamp)}` : "Not claimed yet"}
        </span>
      </p>
      <dl className="mt-1.5 grid gap-x-3 gap-y-1 sm:grid-cols-[9rem_1fr] print:grid-cols-[9rem_1fr]">
        <dt className="text-slate-500">{claim ? "Claimed by" : "Reserved for"}</dt>
        <dd className="mono break-all">{token.reservedFor}</dd>
        {claim && (
          <>
            <dt className="text-slate-500">Claim transaction</dt>
            <dd className="mono break-all">
              {/* The claim's transaction on the record's chain's explorer; none known for the chain: no link. */}
              <ExplorerTxHash hash={claim.transactionHash} chain={chain} />{" "}
              <span className="block font-sans text-slate-500">block {claim.blockNumber.toString()}</span>
            </dd>
            <dt className="text-slate-500">Authorized by</dt>
            <dd>
              <span className="block">EAS attestation</span>
              <span className="mono block break-all">{claim.attestationUid}</span>
              {attestation && (
                <span className="block text-slate-600">
                  issued by <span className="mono break-all">{attestation.attester}</span> on {formatTimestamp(attestation.time)}
                  {attestation.revocationTime !== 0n && `, revoked since ${formatTimestamp(attestation.revocationTime)}`}
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}
