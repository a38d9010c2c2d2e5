"use client";

import { type FormEvent, useState } from "react";
import { type Address, type Chain, type Client, type Transport, zeroAddress } from "viem";
import { getEip712Domain, readContract } from "viem/actions";
import { useAccount, useConfig } from "wagmi";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { TransactionStatus } from "@/components/TransactionStatus";
import { escrowOperations as operations } from "@/hooks/escrowOperations";
import { appSendDeps, useTransaction } from "@/hooks/useTransaction.wallet";
import { readClientOn } from "@/lib/chain/readClient";
import { factsOn } from "@/lib/deployment";
import type { EscrowAction } from "@/lib/escrow/actions";
import { balanceOf, signPermit } from "@/lib/escrow/permit";
import type { DescribedError } from "@/lib/errors/describeError";
import { formatAssetAmount } from "@/lib/format/amount";
import type { EscrowView } from "@/lib/reads/escrows";
import { describeWriteError } from "@/lib/transactions/writeError";

/** ERC-792's price of a dispute, in ether, asked of the escrow's arbitrator. */
const arbitrationCostAbi = [
  {
    type: "function",
    name: "arbitrationCost",
    stateMutability: "view",
    inputs: [{ name: "extraData", type: "bytes" }],
    outputs: [{ type: "uint256" }],
  },
] as const;

const noncesAbi = [
  {
    type: "function",
    name: "nonces",
    stateMutability: "view",
    inputs: [{ name: "owner", type: "address" }],
    outputs: [{ type: "uint256" }],
  },
] as const;

/** Whether `token` takes ERC-2612 permits signed in an ERC-5267 domain (OpenZeppelin's ERC20Permit does), on `client`'s chain. */
async function offersPermit(client: Client<Transport, Chain>, token: Address, owner: Address): Promise<boolean> {
  try {
    await Promise.all([
      getEip712Domain(client, { address: token }),
      readContract(client, { address: token, abi: noncesAbi, functionName: "nonces", args: [owner] }),
    ]);
    return true;
  } catch {
    return false;
  }
}

const primary = "rounded-md bg-teal-700 px-3 py-2 text-sm font-medium text-white disabled:opacity-50";
const secondary = "rounded-md border border-slate-300 px-3 py-2 text-sm disabled:opacity-50";

/**
 * The connected wallet's buttons for one escrow (escrowActionsFor says which): deposit (with a permit signature when
 * the token offers one, else an allowance first; ether as the value), approve (a party with no ether through the
 * relayer), attest, release, refund, dispute, withdraw; and how the transaction goes. Every read and write is on the
 * record's chain.
 */
export function EscrowActions({ escrow, actions }: { escrow: EscrowView; actions: EscrowAction[] }) {
  const tx = useTransaction();
  const config = useConfig();
  const { address } = useAccount();
  const chainId = useRecordChainId();
  const readClient = readClientOn(chainId);
  const [problem, setProblem] = useState<DescribedError>();
  const [confirmDispute, setConfirmDispute] = useState(false);
  const [condition, setCondition] = useState("inspection");
  const [statement, setStatement] = useState("passed");
  const { integraHash, escrowId } = escrow;
  const amount = formatAssetAmount(escrow.amount, escrow.asset);
  const id = escrowId.toString();
  // Set while this component works outside the transaction's own phases (reading a balance, signing a permit).
  const [preparing, setPreparing] = useState<string>();
  const busy = tx.busy || preparing !== undefined;

  async function run(step: () => Promise<unknown>) {
    setProblem(undefined);
    try {
      await step();
    } catch (error) {
      setProblem(describeWriteError(error));
    } finally {
      setPreparing(undefined);
    }
  }

  const deposit = () =>
    run(async () => {
      if (!address) return;
      if (escrow.asset.address === zeroAddress) {
        await tx.send(operations.depositEscrow({ chainId, integraHash, escrowId, etherValue: escrow.amount, amount }));
        return;
      }
      const token = escrow.asset.address;
      setPreparing("Checking your balance…");
      const balance = await balanceOf(readClient, token, address);
      if (balance < escrow.amount) {
        setProblem({
          title: "Not enough to deposit",
          message: `This wallet holds ${formatAssetAmount(balance, escrow.asset)}; the deposit is ${amount}.`,
        });
        return;
      }
      if (await offersPermit(readClient, token, address)) {
        // One signature lets the escrow take the amount; the deposit itself may then be paid by a relayer.
        setPreparing("Sign the permit in your wallet: it lets the escrow take exactly the deposit.");
        const { signer } = appSendDeps(config, address, chainId);
        const permit = await signPermit(readClient, signer, {
          token,
          spender: factsOn(chainId).address("IntegraEscrowV1"),
          value: escrow.amount,
          deadline: escrow.now + 3600n,
        });
        setPreparing(undefined);
        await tx.send(operations.depositEscrowWithPermit({ chainId, integraHash, escrowId, permit, amount }));
        return;
      }
      setPreparing(undefined);
      const allowed = await tx.send(operations.approveEscrowAsset({ chainId, integraHash, token, amount: escrow.amount, words: amount }));
      if (allowed) await tx.send(operations.depositEscrow({ chainId, integraHash, escrowId, amount }));
    });

  const dispute = () =>
    run(async () => {
      if (!escrow.arbitrator) return;
      const fee = await readContract(readClient, {
        address: escrow.arbitrator,
        abi: arbitrationCostAbi,
        functionName: "arbitrationCost",
        args: ["0x"],
      });
      setConfirmDispute(false);
      await tx.send(operations.raiseEscrowDispute({ chainId, integraHash, escrowId, fee: fee > 0n ? fee : undefined }));
    });

  const attest = (event: FormEvent) => {
    event.preventDefault();
    if (!condition.trim() || !statement.trim()) {
      setProblem({ title: "Say what you attest", message: "Name the condition (e.g. inspection) and what was found (e.g. passed)." });
      return;
    }
    void run(() => tx.send(operations.attestCondition({ chainId, integraHash, condition: condition.trim(), statement: statement.trim() })));
  };

  if (actions.length === 0 && tx.state.phase === "idle" && !problem) return null;
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3" role="group" aria-label={`Your actions on escrow #${id}`}>
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => {
          switch (action.kind) {
            case "deposit":
              return (
                <button key="deposit" type="button" disabled={busy} className={primary} onClick={() => void deposit()}>
                  Deposit {amount}
                </button>
              );
            case "approve":
              return (
                <button
                  key={`approve-${action.tokenId}`}
                  type="button"
                  disabled={busy}
                  className={primary}
                  onClick={() =>
                    void run(() => tx.send(operations.approveRelease({ chainId, integraHash, escrowId, tokenId: action.tokenId })))
                  }
                >
                  Approve the release as token #{action.tokenId.toString()}
                </button>
              );
            case "release":
              return (
                <button
                  key="release"
                  type="button"
                  disabled={busy}
                  className={primary}
                  onClick={() =>
                    void run(() =>
                      tx.send(
                        operations.releaseEscrow({
                          chainId,
                          integraHash,
                          escrowId,
                          attestationUid: escrow.conditions.attestation?.uid ?? undefined,
                        }),
                      ),
                    )
                  }
                >
                  Release {amount} to the payee
                </button>
              );
            case "refund":
              return (
                <button
                  key="refund"
                  type="button"
                  disabled={busy}
                  className={primary}
                  onClick={() => void run(() => tx.send(operations.refundEscrow({ chainId, integraHash, escrowId })))}
                >
                  Refund {amount} to the payer
                </button>
              );
            case "dispute":
              return confirmDispute ? null : (
                <button key="dispute" type="button" disabled={busy} className={secondary} onClick={() => setConfirmDispute(true)}>
                  Raise a dispute…
                </button>
              );
            case "withdraw":
              return (
                <button
                  key="withdraw"
                  type="button"
                  disabled={busy}
                  className={primary}
                  onClick={() => void run(() => tx.send(operations.withdrawEscrowPayout({ chainId, integraHash, escrowId })))}
                >
                  Withdraw {formatAssetAmount(action.amount, escrow.asset)}
                </button>
              );
            default:
              return null;
          }
        })}
      </div>
      {confirmDispute && (
        <div role="group" aria-label="Confirm the dispute" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <p>
            A dispute freezes the deposit: neither release nor refund can happen until the arbitrator rules (release, refund, or a split).
            It cannot be withdrawn.
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white"
              onClick={() => void dispute()}
            >
              Raise the dispute
            </button>
            <button type="button" className={secondary} onClick={() => setConfirmDispute(false)}>
              Keep it as it is
            </button>
          </div>
        </div>
      )}
      {actions.some((a) => a.kind === "attest") && (
        <form onSubmit={attest} aria-label={`Attest the condition of escrow #${id}`} className="space-y-2 rounded-md bg-slate-50 p-3">
          <p className="text-sm">You are the attester this escrow names: attest what you found, on the record, for everyone to check.</p>
          <div className="grid gap-2 sm:grid-cols-2">
            <div>
              <label htmlFor={`escrow-${id}-condition`} className="block text-sm font-medium">
                Condition
              </label>
              <input
                id={`escrow-${id}-condition`}
                value={condition}
                maxLength={64}
                onChange={(e) => setCondition(e.target.value)}
                className="mt-1 w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </div>
            <div>
              <label htmlFor={`escrow-${id}-statement`} className="block text-sm font-medium">
                Statement
              </label>
              <input
                id={`escrow-${id}-statement`}
                value={statement}
                maxLength={200}
                onChange={(e) => setStatement(e.target.value)}
                className="mt-1 w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </div>
          </div>
          <button type="submit" disabled={busy} className={primary}>
            Attest
          </button>
        </form>
      )}
      <p aria-live="polite" className="text-sm text-slate-700 empty:hidden">
        {preparing}
      </p>
      {problem && (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{problem.title}</p>
          <p className="mt-1">{problem.message}</p>
        </div>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </div>
  );
}
