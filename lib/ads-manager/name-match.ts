/**
 * Rows without `data-surface` ids are identified by their visible name, matched against the
 * account's cached entities (architecture.md: "rows are found by id first, by name second"). A
 * name two entities share identifies neither: a badge on the wrong row is worse than none.
 */

/** Normalised name → ids of the entities (of one account and level) that carry it. */
export type NameIndex = ReadonlyMap<string, readonly string[]>;

/**
 * The same text however it was rendered: Unicode NFC, whitespace runs collapsed, ends trimmed. HTML
 * collapses whitespace when it lays out a name but `textContent` keeps it, so both sides of a match
 * go through this.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function buildNameIndex(
  entities: Iterable<{ readonly id: string; readonly name: string }>,
): NameIndex {
  const index = new Map<string, string[]>();
  for (const { id, name } of entities) {
    const key = normalizeName(name);
    const ids = index.get(key);
    if (!ids) index.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }
  return index;
}

/** The one entity whose name the row shows; undefined when none or several carry it. */
export function matchName(index: NameIndex, visibleName: string): string | undefined {
  const key = normalizeName(visibleName);
  if (key === '') return undefined;
  const ids = index.get(key);
  return ids?.length === 1 ? ids[0] : undefined;
}
