import { browser } from '#imports';
import type catalogue from '@/public/_locales/en/messages.json';

/** The catalogue's keys: a typo in a key is a type error. */
export type MessageKey = keyof typeof catalogue;

/** WXT types getMessage as one overload per key; this is the one call underneath. */
type I18n = { getMessage(key: string, substitutions: string[]): string };

/**
 * A localized string from `public/_locales/<lang>/messages.json` (English first). A key missing
 * from the user's language falls back to English (`default_locale`); `$1`… take the substitutions.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return (browser.i18n as unknown as I18n).getMessage(key, substitutions.map(String));
}
