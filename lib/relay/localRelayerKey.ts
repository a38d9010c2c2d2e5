/**
 * The local chain's default sponsor key: anvil's test mnemonic at index 10, one past the ten accounts anvil
 * funds itself, so no demo or test account shares its nonce. Public, like every anvil key: local chain only.
 * `npm run dev` (scripts/stack/localChain.ts) gives it ether.
 */
export const LOCAL_RELAYER_KEY = "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897" as const;
export const LOCAL_RELAYER_ADDRESS = "0xBcd4042DE499D14e55001CcbB24a551F3b954096" as const;
