"use client";

import { registrationQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Hex } from "viem";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Field } from "@/components/ui/Field";
import { Loading } from "@/components/ui/Skeleton";
import { type RecordDetails, decryptRecordDetails } from "@/lib/crypto/recordDetails";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/**
 * The record's title and reference, encrypted on chain: shown once the person enters the passphrase the registrant
 * shared. Decrypted in this browser; the passphrase is kept only while the page is open.
 */
export function PrivateDetails({
  integraHash,
  registeredBlock,
  onDecrypted,
}: {
  integraHash: Hex;
  registeredBlock: bigint;
  /** Told the details once decrypted, so the page can show the title elsewhere (the certificate). */
  onDecrypted?: (details: RecordDetails) => void;
}) {
  const chainId = useRecordChainId();
  const registration = useQuery(registrationQuery(chainId, integraHash, registeredBlock));
  const [passphrase, setPassphrase] = useState("");
  const [details, setDetails] = useState<RecordDetails>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (registration.isPending) return <Loading label="Reading the registration…" />;
  if (registration.isError) return <ErrorNotice error={registration.error} />;
  if (registration.data.encryptedRef === "0x") {
    return <p className="text-sm text-slate-600">No title or reference was registered with this record.</p>;
  }
  if (details) {
    return (
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">Title</dt>
        <dd className="font-medium">{details.title || <span className="font-normal text-slate-500">None</span>}</dd>
        <dt className="text-slate-500">Reference</dt>
        <dd className="break-all">{details.reference || <span className="text-slate-500">None</span>}</dd>
      </dl>
    );
  }

  async function reveal(event: FormEvent) {
    event.preventDefault();
    if (!registration.data) return;
    setBusy(true);
    try {
      const decrypted = await decryptRecordDetails(registration.data.encryptedRef, passphrase);
      setDetails(decrypted);
      setError(undefined);
      onDecrypted?.(decrypted);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={reveal} className="space-y-2" aria-label="Show the private details">
      <p className="text-sm text-slate-600">
        The title and reference are encrypted on chain. Enter the passphrase the clerk shared to read them here; nothing is sent.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <Field
          id="details-passphrase"
          label="Passphrase"
          type="password"
          autoComplete="off"
          value={passphrase}
          error={error}
          onChange={(e) => setPassphrase(e.target.value)}
          className="min-w-0 flex-1"
        />
        <button
          type="submit"
          disabled={busy || !passphrase}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          Show title and reference
        </button>
      </div>
    </form>
  );
}
