/** The i-th bench user, the same on both systems. */
export function benchUser(i: number, webhookUrl: string) {
  return {
    sub: `user${i}`,
    loginHint: `user${i}@bench.example`,
    claims: { name: `Bench User ${i}`, email: `user${i}@bench.example`, email_verified: true },
    channels: [{ type: 'webhook' as const, url: webhookUrl }],
  };
}

/** A login hint of a user picked at random among `count`. */
export function randomLoginHint(count: number): string {
  return `user${Math.floor(Math.random() * count)}@bench.example`;
}
