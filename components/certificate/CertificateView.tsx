"use client";

import { RecordFromLink } from "@/components/records/RecordFromLink";
import { Certificate } from "./Certificate";

/** The certificate of the record a link names (client side: the record is read from the chain in the browser). */
export function CertificateView({ rawHash }: { rawHash: string }) {
  return (
    <RecordFromLink rawHash={rawHash}>{(integraHash, record) => <Certificate integraHash={integraHash} record={record} />}</RecordFromLink>
  );
}
