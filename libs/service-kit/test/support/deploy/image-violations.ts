import type { Manifest, SourcedManifest } from './manifest.ts';

/** What a rendered overlay runs: every container image is pinned, by a tag other than `latest` or by a digest. */
export function imageViolations(set: SourcedManifest[]): string[] {
  const out: string[] = [];
  for (const { file, doc } of set) {
    const pod = doc.spec?.template?.spec;
    for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])] as Manifest[]) {
      const image = String(c.image ?? '');
      const tag = /@sha256:[0-9a-f]{64}$/.test(image) ? 'digest' : /:([^:/]+)$/.exec(image)?.[1];
      if (!tag) out.push(`${file}: ${doc.kind} ${doc.metadata?.name}: container ${c.name}: image ${image} has no tag`);
      else if (tag === 'latest') out.push(`${file}: ${doc.kind} ${doc.metadata?.name}: container ${c.name}: image ${image} uses latest`);
    }
  }
  return out;
}
