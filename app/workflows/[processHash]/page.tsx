import { WorkflowView } from "@/components/workflows/WorkflowView";

export const metadata = { title: "Workflow · Integra Agreements" };

export default async function WorkflowPage({ params }: { params: Promise<{ processHash: string }> }) {
  const { processHash } = await params;
  return <WorkflowView rawHash={processHash} />;
}
