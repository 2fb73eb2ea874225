import type { SourcedManifest } from './manifest.ts';

const SECRET_KEYS = ['ADMIN_TOKEN', 'INTERNAL_TOKEN', 'DATABASE_URL'];

/** Secrets never sit in a ConfigMap (nor in a patch of one): they belong to the Secret ciba-secrets. */
export function configViolations(set: SourcedManifest[]): string[] {
  return set
    .filter(({ doc }) => doc.kind === 'ConfigMap')
    .flatMap(({ file, doc }) =>
      Object.keys(doc.data ?? {})
        .filter((key) => SECRET_KEYS.includes(key) || /PASSWORD|SECRET/i.test(key))
        .map((key) => `${file}: ConfigMap ${doc.metadata?.name}: ${key} belongs in ciba-secrets`),
    );
}
