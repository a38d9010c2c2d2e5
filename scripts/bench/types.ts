// Shared shapes of `npm run bench`: every section gets the same context and returns the table it printed,
// so new sections ("timeline at scale", "dashboard at scale", ...) only add an entry to run.ts's list.
import type { Deployment } from "../stack/deploy.ts";

export interface BenchContext {
  /** JSON-RPC of the bench's own fresh anvil (not the dev or e2e chain). */
  rpcUrl: string;
  /** The Integra contracts (and EAS) deployed on that chain. */
  deployment: Deployment;
  /** The production build of the app, served by `next start`, reading `rpcUrl`. No trailing slash. */
  appUrl: string;
}

export interface BenchSection {
  name: string;
  /** Measures and returns the table to print. Reports numbers; never fails because something was slow. */
  run(ctx: BenchContext): Promise<string>;
}
