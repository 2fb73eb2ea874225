/** One RFC 6902 operation, as kustomize's `patches` accept them. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: unknown;
  from?: string;
}

const tokens = (pointer: string) => pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Applies `add`, `remove`, `replace` and `test` (RFC 6902) to a copy of `doc`; a path that does not resolve throws. */
export function applyJsonPatch<T>(doc: T, ops: JsonPatchOp[]): T {
  const out: any = structuredClone(doc);
  for (const { op, path, value } of ops) {
    const parts = tokens(path);
    const last = parts.pop() as string;
    let parent = out;
    for (const part of parts) {
      parent = Array.isArray(parent) ? parent[Number(part)] : parent?.[part];
      if (parent === undefined || parent === null) throw new Error(`json patch ${op} ${path}: ${part} does not exist`);
    }
    const index = Array.isArray(parent) ? (last === '-' ? parent.length : Number(last)) : -1;
    if (Array.isArray(parent) && (Number.isNaN(index) || index > parent.length)) throw new Error(`json patch ${op} ${path}: no index ${last}`);
    const exists = Array.isArray(parent) ? index < parent.length : Object.hasOwn(parent, last);
    if (op !== 'add' && !exists) throw new Error(`json patch ${op} ${path}: nothing there`);
    if (op === 'test') { if (JSON.stringify(Array.isArray(parent) ? parent[index] : parent[last]) !== JSON.stringify(value)) throw new Error(`json patch test ${path} failed`); continue; }
    if (op === 'move' || op === 'copy') throw new Error(`json patch ${op} is not supported by this renderer`);
    if (Array.isArray(parent)) {
      if (op === 'add') parent.splice(index, 0, structuredClone(value));
      else if (op === 'remove') parent.splice(index, 1);
      else parent[index] = structuredClone(value);
    } else if (op === 'remove') delete parent[last];
    else parent[last] = structuredClone(value);
  }
  return out;
}
