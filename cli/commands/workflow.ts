import { type Address, zeroAddress } from "viem";
import { type IntegraSigner, type WorkflowRef, admitMember, openWorkflow, readWorkflow, removeMember } from "@/lib/sdk";
import { type Command, type CommandContext, stringOption } from "../command";
import { addressArgument, workflowArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
import { fields, printJson, section, table } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP, loadAccount } from "../signer";

const ACTIONS = ["show", "open", "admit", "remove"] as const;
type Action = (typeof ACTIONS)[number];

/** Prints the hash of a sent transaction on stderr, as every writing command does. */
const onSent = (hash: string) => process.stderr.write(`Sent ${hash}; waiting for it to be mined…\n`);

async function signerFor(context: CommandContext): Promise<IntegraSigner> {
  const account = await loadAccount(context);
  return { client: await connect(context.rpc), account };
}

async function show(context: CommandContext, workflow: WorkflowRef): Promise<number> {
  const client = await connect(context.rpc);
  const state = await readWorkflow(client, workflow);
  const name = typeof workflow === "string" ? undefined : workflow.name;
  if (context.json) {
    const { processHash, owner, members } = state;
    printJson("workflow", { processHash, name, open: owner !== undefined, owner, members });
    return EXIT.ok;
  }
  const title = `Workflow ${name === undefined ? state.processHash : `"${name}"`}`;
  const facts = fields([
    ...(name === undefined ? [] : [["processHash", state.processHash] as const]),
    ["owner", state.owner ?? "nobody: not open on this chain"],
    ["members", String(state.members.length)],
  ]);
  process.stdout.write(
    `${title}\n${facts}\n\n${section(
      "Members (with the owner, the only ones who may register records into it)",
      state.members.length
        ? table(
            ["member"],
            state.members.map((m) => [m]),
          )
        : undefined,
    )}`,
  );
  return EXIT.ok;
}

/** `workflow <action> …` or `workflow <0xhash | NAME>`: the action and its workflow and member arguments. */
function parseAction(args: string[]): { action: Action; rest: string[] } {
  const [first, ...rest] = args;
  if ((ACTIONS as readonly string[]).includes(first)) return { action: first as Action, rest };
  return { action: "show", rest: args };
}

function arity(action: Action, rest: string[], count: number, usage: string): void {
  if (rest.length !== count)
    throw new CliError(`integra workflow ${action} takes ${usage}; got ${rest.length} argument(s) (see integra workflow --help).`);
}

export const workflowCommand: Command = {
  name: "workflow",
  summary: "a workflow's owner and members; open one, admit and remove members (its owner)",
  arguments: "[open|admit|remove] <0xhash | NAME> [ADDRESS]",
  positionals: { min: 1, max: 3 },
  options: {
    owner: { type: "string", value: "A", help: "the owner of the workflow NAME (default for open, admit, remove: the signer)" },
    ...KEYSTORE_OPTION,
  },
  description:
    "Workflows belong to their owner: only the owner and the members it admitted register records into one, and its\n" +
    "processHash is keccak256(abi.encode(owner, keccak256(NAME))), the same on every chain, so nobody can take or\n" +
    "fill another organization's workflow.\n\n" +
    "  integra workflow <0xhash | NAME --owner A>    its owner (none: not open yet) and members (show is implied)\n" +
    "  integra workflow open NAME                    the signer opens its workflow NAME and becomes its owner\n" +
    "                                                (registering its first record with `integra register --workflow\n" +
    "                                                NAME` opens it too, in the same transaction)\n" +
    "  integra workflow admit <0xhash | NAME> A      the owner admits A: A may register into it (--workflow-owner)\n" +
    "  integra workflow remove <0xhash | NAME> A     the owner removes A; the records A registered stay in it\n" +
    "(A workflow named open, admit, remove or show is shown with `integra workflow show NAME --owner A`.)\n\n" +
    SIGNER_HELP,
  async run(context) {
    const { action, rest } = parseAction(context.args);
    const owner = stringOption(context, "owner");
    if (action === "show") {
      arity(action, rest, 1, "one workflow (0xhash, or NAME --owner A)");
      return show(context, workflowArgument(rest[0], owner, "--owner"));
    }
    if (action === "open") {
      arity(action, rest, 1, "the workflow's NAME");
      if (rest[0].trim().startsWith("0x"))
        throw new CliError("Open a workflow by its NAME: its processHash follows from the name and its owner.");
      if (owner !== undefined) throw new CliError("A workflow is opened by its owner: the signer (no --owner).");
      const signer = await signerFor(context);
      const opened = await openWorkflow(signer, rest[0], onSent);
      const name = rest[0].trim();
      const { processHash, transactionHash, blockNumber } = opened;
      if (context.json)
        printJson("workflow-open", { action, name, owner: signer.account.address, processHash, transactionHash, blockNumber });
      else process.stdout.write(`Opened workflow "${name}" (${processHash}), owned by ${signer.account.address}, in ${transactionHash}.\n`);
      return EXIT.ok;
    }
    arity(action, rest, 2, "a workflow (0xhash or NAME) and an ADDRESS");
    const member: Address = addressArgument(rest[1]);
    // Checked before any key is loaded; a name without --owner is the signer's own workflow.
    workflowArgument(rest[0], owner, "--owner", zeroAddress);
    const signer = await signerFor(context);
    const workflow = workflowArgument(rest[0], owner, "--owner", signer.account.address);
    const write = action === "admit" ? admitMember : removeMember;
    const done = await write(signer, workflow, member, onSent);
    const name = typeof workflow === "string" ? undefined : workflow.name;
    if (context.json) {
      const { processHash, transactionHash, blockNumber } = done;
      printJson("workflow-member", { action, processHash, name, member, transactionHash, blockNumber });
      return EXIT.ok;
    }
    const label = name === undefined ? done.processHash : `"${name}" (${done.processHash})`;
    process.stdout.write(
      action === "admit"
        ? `Admitted ${member} to workflow ${label}: it may register records into it (in ${done.transactionHash}).\n`
        : `Removed ${member} from workflow ${label}: it registers no more records into it; its earlier ones stay (in ${done.transactionHash}).\n`,
    );
    return EXIT.ok;
  },
};
