/** One stream entry; `fields` is null when the entry was trimmed while still pending. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string> | null;
}

/** Turns Redis' `[id, [field, value, ...]]` pairs (from XREADGROUP, XAUTOCLAIM, XCLAIM) into entries. */
export function toStreamEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): StreamEntry[] => {
    if (!Array.isArray(item) || typeof item[0] !== 'string') return [];
    const flat: unknown = item[1];
    if (!Array.isArray(flat)) return [{ id: item[0], fields: null }];
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = String(flat[i + 1]);
    return [{ id: item[0], fields }];
  });
}
