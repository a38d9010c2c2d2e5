import { CertificateView } from "@/components/certificate/CertificateView";

export const metadata = { title: "Certificate of completion · Integra Agreements" };

export default async function CertificatePage({ params }: { params: Promise<{ integraHash: string }> }) {
  const { integraHash } = await params;
  return <CertificateView rawHash={integraHash} />;
}
