import type { CheckedSetting } from '@/lib/schema/settings';
import { checkLoginSettings } from './facebook-login';
import { checkSyncSettings } from './sync';

/** The settings a page can check, by the name the page shows for each. */
const CHECKS: Readonly<Record<CheckedSetting, () => Promise<{ corrupt: boolean }>>> = {
  sync: checkSyncSettings,
  facebookLogin: checkLoginSettings,
};

/** Settings whose stored value was unreadable and are running on their defaults. */
export async function corruptSettings(): Promise<CheckedSetting[]> {
  const names = Object.keys(CHECKS) as CheckedSetting[];
  const reads = await Promise.all(names.map((name) => CHECKS[name]()));
  return names.filter((_, index) => reads[index]?.corrupt === true);
}
