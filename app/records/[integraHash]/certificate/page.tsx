import { CertificateView } from "@/components/certificate/CertificateView";

export const metadata = { title: "Certificate of completion · Integra Agreements" };

export default async function CertificatePage({
  params,
  searchParams,
}: {
  params: Promise<{ integraHash: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ integraHash }, { chain }] = await Promise.all([params, searchParams]);
  // `?chain=<id>`: the served chain the record is on; without it, the served chains are looked through.
  return <CertificateView rawHash={integraHash} rawChain={typeof chain === "string" ? chain : undefined} />;
}
