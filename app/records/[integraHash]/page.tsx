import { RecordView } from "@/components/records/RecordView";

export const metadata = { title: "Record · Integra Agreements" };

export default async function RecordPage({ params }: { params: Promise<{ integraHash: string }> }) {
  const { integraHash } = await params;
  return <RecordView rawHash={integraHash} />;
}
