import { RecordView } from "@/components/records/RecordView";

export const metadata = { title: "Record · Integra Agreements" };

export default async function RecordPage({
  params,
  searchParams,
}: {
  params: Promise<{ integraHash: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ integraHash }, { chain }] = await Promise.all([params, searchParams]);
  // `?chain=<id>`: the served chain the record is on; without it, the served chains are looked through.
  return <RecordView rawHash={integraHash} rawChain={typeof chain === "string" ? chain : undefined} />;
}
