import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  /** `function (file:line)`, the file relative to the checkout or node_modules. */
  frame: string;
  /** Share of all samples, 0..1. */
  self: number;
  /** Share of samples with this frame anywhere on the stack. */
  total: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*?\/(services|libs|bench)\//, '$1/');
  return `${functionName || '(anonymous)'}${file ? ` (${file}:${lineNumber + 1})` : ''}`;
}

/**
 * The hottest frames of a V8 .cpuprofile: by self time, and by total time (any position on the
 * stack, each sample counted once per frame name). Idle and GC are reported as their own frames.
 */
/** The package (or `node:` internals, or the project's folder) a frame's code belongs to. */
export function packageOf(url: string): string {
  if (!url) return '(native/VM)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const own = /\/(services\/[^/]+|libs\/[^/]+|bench)\//.exec(url);
  return own ? own[1]! : url.startsWith('wasm:') ? 'wasm' : 'other';
}

export function hotSpots(profile: CpuProfile, top = 15): { bySelf: HotSpot[]; byTotal: HotSpot[]; ownCode: HotSpot[]; byPackage: Array<{ package: string; self: number }> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  const total = new Map<string, number>();
  const weights = profile.timeDeltas;
  let all = 0;
  profile.samples.forEach((id, i) => {
    const w = Math.max(0, weights[i] ?? 0);
    all += w;
    const leaf = byId.get(id)!;
    const leafName = frameName(leaf);
    self.set(leafName, (self.get(leafName) ?? 0) + w);
    const pkg = leaf.callFrame.functionName.startsWith('(') ? leaf.callFrame.functionName : packageOf(leaf.callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + w);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = frameName(byId.get(cur)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + w);
    }
  });
  const rank = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([frame, w]) => ({ frame, self: (self.get(frame) ?? 0) / all, total: (total.get(frame) ?? 0) / all }));
  const ignored = /^\((root|program|idle)\)|^\(anonymous\)$/;
  return {
    bySelf: rank(self),
    byTotal: rank(new Map([...total].filter(([k]) => !ignored.test(k) && !k.startsWith('processTicksAndRejections') && !k.startsWith('listOnTimeout')))),
    byPackage: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([p, w]) => ({ package: p, self: w / all })),
    ownCode: rank(new Map([...total].filter(([k]) => / \((services|libs|bench)\//.test(k)))),
  };
}

/** Reads a .cpuprofile file and formats its hot spots as text. */
export function describeProfile(path: string, top = 15): string {
  const { bySelf, byTotal, ownCode, byPackage } = hotSpots(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, top);
  const pct = (v: number) => `${(v * 100).toFixed(1).padStart(5)}%`;
  return [
    `${path}`,
    '  self time by package:',
    ...byPackage.map((p) => `    ${pct(p.self)}  ${p.package}`),
    '  self time:',
    ...bySelf.map((h) => `    ${pct(h.self)}  ${h.frame}`),
    '  total time (on the stack):',
    ...byTotal.map((h) => `    ${pct(h.total)}  ${h.frame}`),
    '  the project\'s own code, total time:',
    ...ownCode.map((h) => `    ${pct(h.total)}  ${h.frame}`),
  ].join('\n');
}
