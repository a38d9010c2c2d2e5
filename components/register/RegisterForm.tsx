"use client";

import { operations } from "@/hooks/operations";
import { workflowQuery } from "@/hooks/queries";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { type Address, type Hex, type TransactionReceipt, parseEventLogs, zeroAddress } from "viem";
import { FileDropzone } from "@/components/FileDropzone";
import { Card } from "@/components/ui/Card";
import { Field } from "@/components/ui/Field";
import { ConnectWalletButton } from "@/components/wallet/ConnectWalletButton";
import { walletPart } from "@/components/wallet/WithWallet";
import type { RegisterSubmitProps } from "./RegisterSubmit.wallet";
import type { TransactionRequest } from "@/hooks/useTransaction.wallet";
import { recordHref } from "@/components/records/recordHref";
import { SEVERAL_CHAINS } from "@/lib/config/servedChains";
import { useWalletAccount } from "@/hooks/wallet";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import { type TokenizerKind, deploymentOn, factsOn, registry, tokenizers } from "@/lib/contracts";
import { encryptRecordDetails } from "@/lib/crypto/recordDetails";
import { ADDRESS_HINT, parseAddress } from "@/lib/format/address";
import { formatBytes } from "@/lib/format/bytes";
import { roleProblem } from "@/lib/format/token";
import { newWorkflowId, processHashOf } from "@/lib/workflow";
import { registrationInto } from "@/lib/reads/workflows";
import { MAX_PARTIES, type RegisterDraft, clearDraft, loadDraft, saveDraft } from "@/lib/register/registerDraft";

type Errors = Partial<
  Record<"file" | "executor" | "workflow" | "workflowOwner" | "passphrase" | `party-${number}` | `role-${number}`, string>
>;

interface PartyInput {
  recipient: Address;
  amount: bigint;
  role: string;
}

function validate(draft: RegisterDraft, passphrase: string): { errors: Errors; parties: PartyInput[]; executor: Address } {
  const errors: Errors = {};
  if (!draft.contentHash) errors.file = "Choose the document to register: it is hashed here, never uploaded.";
  const executor = draft.executor.trim() === "" ? zeroAddress : parseAddress(draft.executor);
  if (!executor) errors.executor = ADDRESS_HINT;
  if (!draft.workflowId.trim()) errors.workflow = "Name the workflow (or generate one).";
  if (draft.workflowOwner.trim() && !parseAddress(draft.workflowOwner)) errors.workflowOwner = ADDRESS_HINT;
  if ((draft.reference.trim() || draft.title.trim()) && !passphrase)
    errors.passphrase = "Choose a passphrase to encrypt the title and reference with; share it only with the parties.";
  const parties: PartyInput[] = [];
  draft.parties.forEach((party, i) => {
    const address = parseAddress(party.address);
    const roleError = roleProblem(party.role);
    if (roleError) errors[`role-${i}`] = roleError;
    if (!address) errors[`party-${i}`] = ADDRESS_HINT;
    else parties.push({ recipient: address, amount: 1n, role: party.role.trim() });
  });
  return { errors, parties, executor: executor ?? zeroAddress };
}

/**
 * The chains a document may be registered on: the served chains with an Integra deployment, the default first (with
 * none, the default alone: the banner says nothing is deployed).
 */
const registrableChains = servedChains.filter((chain) => chain.id === APP_CHAIN_ID || deploymentOn(chain.id) !== undefined);

/**
 * The tokenizer of `kind` on chain `chainId`: the deployment in use for the default chain (as every write to it takes
 * its addresses), that chain's own deployment for another.
 */
function tokenizerOn(chainId: number, kind: TokenizerKind): Address {
  return (chainId === APP_CHAIN_ID ? tokenizers : factsOn(chainId).tokenizers)[kind].address;
}

/** The submit button and its transaction's progress: they need the wallet, so their code loads with it. */
const RegisterSubmit = walletPart(
  () => import("./RegisterSubmit.wallet").then((m) => m.RegisterSubmit),
  ({ label, children }: RegisterSubmitProps) => (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" disabled className="rounded-md bg-teal-700 px-5 py-2.5 font-medium text-white opacity-50">
        {label}
      </button>
      {children}
    </div>
  ),
);

/** Register a document by hash and reserve one token per party, in one transaction; the draft survives failures. */
export function RegisterForm() {
  const router = useRouter();
  const { isConnected, address: account } = useWalletAccount();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RegisterDraft>(loadDraft);
  const [passphrase, setPassphrase] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  /** The chain the record is registered on: the default unless the person chooses another served chain. */
  const [chainId, setChainId] = useState(APP_CHAIN_ID);
  /** The chain the transaction in flight was sent to: the new record's, whatever the select says meanwhile. */
  const sentTo = useRef(APP_CHAIN_ID);

  useEffect(() => saveDraft(draft), [draft]);

  const update = (patch: Partial<RegisterDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTokenizer = (tokenizer: TokenizerKind) =>
    setDraft((d) => ({ ...d, tokenizer, parties: tokenizer === "ownership" ? d.parties.slice(0, 1) : d.parties }));
  const updateParty = (index: number, patch: Partial<RegisterDraft["parties"][number]>) =>
    setDraft((d) => ({ ...d, parties: d.parties.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));

  /** Validates, encrypts the private details and builds the one transaction; undefined when there are errors to fix. */
  async function prepare(): Promise<TransactionRequest | undefined> {
    const { errors: found, parties, executor } = validate(draft, passphrase);
    setErrors(found);
    if (Object.keys(found).length > 0 || !draft.contentHash) return undefined;

    const tokenizer = tokenizerOn(chainId, draft.tokenizer);
    const workflow = await workflowToRegisterInto(draft, account, chainId);
    if ("problem" in workflow) {
      setErrors({ workflow: workflow.problem });
      return undefined;
    }
    const { processHash, openWorkflowId } = workflow;
    const encryptedRef: Hex =
      draft.reference.trim() || draft.title.trim()
        ? await encryptRecordDetails({ title: draft.title, reference: draft.reference }, passphrase)
        : "0x";
    // One transaction: the record, every party's reservation, and the seal that fixes the party set.
    sentTo.current = chainId;
    return operations.registerWithParties({
      chainId,
      contentHash: draft.contentHash,
      encryptedRef,
      tokenizer,
      executor,
      processHash,
      parties,
      openWorkflowId,
    });
  }

  /**
   * The workflow's processHash, and whether this registration must open it first (the signer's own workflow, not
   * yet opened: same transaction); or why the signer cannot register into it, said before anything is signed.
   */
  async function workflowToRegisterInto(
    d: RegisterDraft,
    me: Address | undefined,
    on: number,
  ): Promise<{ processHash: Hex; openWorkflowId?: Hex } | { problem: string }> {
    if (!me) return { problem: "Connect the wallet that registers: the workflow belongs to an account." };
    const owner = parseAddress(d.workflowOwner) ?? me;
    const processHash = processHashOf(owner, d.workflowId);
    // On the chain the registration is sent to: a workflow is opened, and admits members, on each chain apart.
    const registration = registrationInto(await queryClient.fetchQuery(workflowQuery(on, processHash)), { owner, name: d.workflowId }, me);
    switch (registration.kind) {
      case "register":
        return { processHash };
      case "open":
        return { processHash, openWorkflowId: registration.workflowId };
      case "unknown":
        return {
          problem: `${owner} has not opened a workflow named "${d.workflowId.trim()}" on ${SEVERAL_CHAINS ? (servedChain(on)?.name ?? `chain ${on}`) : "this chain"}. Check the name, or ask them to open it.`,
        };
      case "not-member":
        return {
          problem: `Only the workflow's owner ${registration.owner} and the members it admitted can register into it. Ask the owner to admit ${me}.`,
        };
    }
  }

  function registered(receipt: TransactionReceipt) {
    const [registered] = parseEventLogs({ abi: registry.abi, logs: receipt.logs, eventName: "RecordRegistered" });
    clearDraft();
    router.push(recordHref(registered.args.integraHash, sentTo.current));
  }

  const ownership = draft.tokenizer === "ownership";
  const startOver = (
    <button
      type="button"
      className="text-sm underline"
      onClick={() => {
        clearDraft();
        setDraft(loadDraft());
        setErrors({});
      }}
    >
      Start over
    </button>
  );
  return (
    // The submit button (RegisterSubmit) handles both its click and Enter in a field, which clicks it.
    <form onSubmit={(event: FormEvent) => event.preventDefault()} noValidate className="space-y-4" aria-label="Register a document">
      <Card title="1. The document">
        {draft.contentHash ? (
          <div className="space-y-2 text-sm">
            <p>
              <strong>{draft.fileName}</strong>{" "}
              {draft.fileSize !== undefined && <span className="text-slate-500">({formatBytes(draft.fileSize)})</span>}
            </p>
            <p className="mono break-all text-slate-700">SHA-256 {draft.contentHash}</p>
            <button
              type="button"
              className="text-sm underline"
              onClick={() => update({ contentHash: undefined, fileName: undefined, fileSize: undefined })}
            >
              Choose another file
            </button>
          </div>
        ) : (
          <FileDropzone
            label="Choose or drop the document to register"
            onHashed={({ hash, fileName, fileSize }) => update({ contentHash: hash, fileName, fileSize })}
          />
        )}
        {errors.file && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {errors.file}
          </p>
        )}
      </Card>

      <Card title="2. Private details (optional)">
        <p className="mb-3 text-sm text-slate-600">
          A title, and where the document lives (a URI, a vault path). Both are encrypted in this browser with AES-GCM before they go on
          chain; only people with the passphrase can read them. The parties&apos; roles below are public.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="title"
            label="Document title"
            placeholder="Purchase agreement, 12 Harbour Lane"
            value={draft.title}
            onChange={(e) => update({ title: e.target.value })}
          />
          <Field
            id="reference"
            label="Reference"
            placeholder="vault://title-co/closings/…"
            value={draft.reference}
            onChange={(e) => update({ reference: e.target.value })}
          />
          <Field
            id="passphrase"
            label="Passphrase"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            error={errors.passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            hint="Not saved anywhere: share it with the parties yourself."
          />
        </div>
      </Card>

      <Card title="3. Tokens and workflow">
        {SEVERAL_CHAINS && (
          <div className="mb-4 sm:w-1/2">
            <label htmlFor="chain" className="block text-sm font-medium text-slate-800">
              Chain
            </label>
            <select
              id="chain"
              value={chainId}
              aria-describedby="chain-hint"
              onChange={(e) => setChainId(Number(e.target.value))}
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-2 text-sm"
            >
              {registrableChains.map((chain) => (
                <option key={chain.id} value={chain.id}>
                  {chain.name}
                </option>
              ))}
            </select>
            <p id="chain-hint" className="mt-1 text-xs text-slate-500">
              Where the record lives: its parties claim there, and your wallet is moved there to sign. A workflow spans chains; on each it
              is opened apart.
            </p>
          </div>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Tokenizer</legend>
          {(Object.keys(tokenizers) as TokenizerKind[]).map((kind) => (
            <label
              key={kind}
              className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-3 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50"
            >
              <input
                type="radio"
                name="tokenizer"
                value={kind}
                checked={draft.tokenizer === kind}
                onChange={() => setTokenizer(kind)}
                className="mt-1"
              />
              <span>
                <span className="block text-sm font-medium">{tokenizers[kind].name}</span>
                <span className="block text-xs text-slate-600">{tokenizers[kind].description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="mt-4 grid gap-3 sm:grid-cols-2">
          <Field
            id="executor"
            label="Executor (optional)"
            placeholder="0x… e.g. the title company"
            hint="Asked to accept the role: once they accept, they may reserve tokens and issue capabilities for you on this record."
            value={draft.executor}
            error={errors.executor}
            onChange={(e) => update({ executor: e.target.value })}
          />
          <div>
            <Field
              id="workflow"
              label="Workflow name"
              value={draft.workflowId}
              error={errors.workflow}
              hint="Records of one workflow are followed together. Your own workflow opens with its first record."
              onChange={(e) => update({ workflowId: e.target.value })}
            />
            <button type="button" className="mt-1 text-xs underline" onClick={() => update({ workflowId: newWorkflowId() })}>
              Generate a new one
            </button>
          </div>
          <Field
            id="workflow-owner"
            label="Workflow owner (optional)"
            placeholder="0x… empty: your own workflow"
            hint="To register into another office's workflow, name its owner: it must have admitted you."
            value={draft.workflowOwner}
            error={errors.workflowOwner}
            onChange={(e) => update({ workflowOwner: e.target.value })}
          />
        </div>
      </Card>

      <Card title={ownership ? "4. Who receives the ownership token" : "4. Parties"}>
        <ul className="space-y-3">
          {draft.parties.map((party, i) => (
            <li key={i} className="grid gap-2 sm:grid-cols-[4rem_10rem_1fr_auto] sm:items-end">
              <span className="text-sm font-medium text-slate-600">Token #{i + 1}</span>
              <Field
                id={`party-role-${i}`}
                label="Role"
                value={party.role}
                placeholder="Buyer"
                error={errors[`role-${i}`]}
                onChange={(e) => updateParty(i, { role: e.target.value })}
              />
              <Field
                id={`party-address-${i}`}
                label={`Address of ${party.role || `party ${i + 1}`}`}
                placeholder="0x…"
                value={party.address}
                error={errors[`party-${i}`]}
                onChange={(e) => updateParty(i, { address: e.target.value })}
              />
              {!ownership && draft.parties.length > 1 && (
                <button
                  type="button"
                  className="rounded border border-slate-300 px-2 py-2 text-xs"
                  onClick={() => setDraft((d) => ({ ...d, parties: d.parties.filter((_, j) => j !== i) }))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        {!ownership &&
          (draft.parties.length < MAX_PARTIES ? (
            <button
              type="button"
              className="mt-3 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              onClick={() => setDraft((d) => ({ ...d, parties: [...d.parties, { address: "", role: "" }] }))}
            >
              Add a party
            </button>
          ) : (
            <p className="mt-3 text-sm text-slate-600">A record takes at most {MAX_PARTIES} parties.</p>
          ))}
      </Card>

      <p className="text-sm text-slate-600">
        One signature registers the document and reserves every token above. The party set is then fixed: the agreement is complete once
        each of these parties has claimed.
      </p>
      {isConnected ? (
        <RegisterSubmit
          label={`Register and reserve ${draft.parties.length} token${draft.parties.length > 1 ? "s" : ""}`}
          prepare={prepare}
          onRegistered={registered}
        >
          {startOver}
        </RegisterSubmit>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <ConnectWalletButton label="Connect a wallet to register" />
          {startOver}
        </div>
      )}
    </form>
  );
}
