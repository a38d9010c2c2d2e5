// `npm start` and the e2e app server: Next's production server (`next({ dev: false })`, the build in .next or in
// NEXT_DIST_DIR) with one addition. Each request gets the TCP peer's address in a header that this server always
// overwrites (lib/relay/peerAddress.ts), so the relayer's per-client limit counts real clients: under plain
// `next start`, a route handler sees only X-Forwarded-For, which the client writes itself. Usage:
//   tsx scripts/server.ts [--port 3000] [--hostname 0.0.0.0]
import { createServer } from "node:http";
import next from "next";
import { declarePeerAddressStamping, stampPeerAddress } from "@/lib/relay/peerAddress.ts";
import { ROOT } from "./stack/artifacts.ts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option("--port") ?? process.env.PORT ?? 3000);
const hostname = option("--hostname") ?? process.env.HOSTNAME;

// Before Next loads any route: the relay route trusts the peer header only in a process that declared this.
declarePeerAddressStamping();
const app = next({ dev: false, dir: ROOT, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  stampPeerAddress(request);
  void handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`App on http://${hostname ?? "localhost"}:${port} (the relayer sees each client's address).`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
