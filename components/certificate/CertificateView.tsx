"use client";

import { RecordFromLink } from "@/components/records/RecordFromLink";
import { Certificate } from "./Certificate";

/**
 * The certificate of the record a link names, on the chain it names or the first served chain that has it (client
 * side: the record is read from the chain in the browser).
 */
export function CertificateView({ rawHash, rawChain }: { rawHash: string; rawChain?: string }) {
  return (
    <RecordFromLink rawHash={rawHash} rawChain={rawChain}>
      {(integraHash, record) => <Certificate integraHash={integraHash} record={record} />}
    </RecordFromLink>
  );
}
