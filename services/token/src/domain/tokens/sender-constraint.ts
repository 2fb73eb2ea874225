/**
 * What an access token is bound to (its `cnf` claim, RFC 7800): the SHA-256 thumbprint of the client
 * certificate of the token request (`x5t#S256`, RFC 8705 §3.1) or of the DPoP proof's key (`jkt`,
 * RFC 9449 §6.1). A token request that settles one gets a sender-constrained token.
 */
export type SenderConstraint = { 'x5t#S256': string } | { jkt: string };
