/** A parsed Kubernetes/kustomize document: loosely typed on purpose, the rules check its shape. */
export type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [key: string]: any }; [key: string]: any };

/** One document of one file under deploy/k8s. */
export interface SourcedManifest {
  file: string;
  doc: Manifest;
}
