import type { EntityLevel, SnapshotEntity } from '@/lib/snapshots/format/schema';

export const LEVEL_LABELS: Readonly<Record<EntityLevel, string>> = {
  account: 'Account',
  campaign: 'Campaign',
  adset: 'Ad set',
  ad: 'Ad',
};

/**
 * Stand-in names that keep the tree readable: "Campaign A", its ad sets "Ad set A.1", "Ad set A.2",
 * their ads "Ad A.1.1"; the account is "Account". Positions count siblings in snapshot order, so
 * the same tree always gets the same aliases. `entities` lists parents before children.
 */
export function aliasNames(
  entities: readonly Pick<SnapshotEntity, 'level' | 'parent'>[],
): string[] {
  const paths: string[] = [];
  const childCounts = new Map<number, number>();
  return entities.map((entity, index) => {
    if (entity.parent === null) {
      paths[index] = '';
      return LEVEL_LABELS[entity.level];
    }
    const position = (childCounts.get(entity.parent) ?? 0) + 1;
    childCounts.set(entity.parent, position);
    const parentPath = paths[entity.parent] ?? '';
    const path = parentPath === '' ? letters(position) : `${parentPath}.${position}`;
    paths[index] = path;
    return `${LEVEL_LABELS[entity.level]} ${path}`;
  });
}

/** 1 → A, 26 → Z, 27 → AA: spreadsheet column letters. */
function letters(position: number): string {
  let rest = position;
  let text = '';
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    text = String.fromCharCode(65 + digit) + text;
    rest = Math.floor((rest - 1) / 26);
  }
  return text;
}
