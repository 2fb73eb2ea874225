/** ours / peer, NaN when either side is missing, not finite, or the peer's value is 0. */
export function ratio(ours: number | undefined, peer: number | undefined): number {
  if (ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0) return Number.NaN;
  return ours / peer;
}
