// What only the record's owner or executor sees, in one chunk: it loads (with the wallet) once such a wallet is
// connected, and the actions and the tokens table's admin column appear together.
export { OwnerActions } from "./OwnerActions";
export { TokensTableAdmin } from "./TokensTableAdmin";
