import type catalogue from '@/public/_locales/en/messages.json';
import type { Substitution } from './message-format';

/*
 * The catalogue's vocabulary without the browser: pure modules (lib/insight) name messages with it,
 * and lib/util/i18n looks them up.
 */

/** The catalogue's keys: a typo in a key is a type error. */
export type MessageKey = keyof typeof catalogue;

/**
 * A localized string by key (`t` below in extension pages, the page's language in Ads Manager).
 * Components take it as a prop because they may not call browser APIs.
 */
export type Translate = (key: MessageKey, ...substitutions: Substitution[]) => string;

/** Who reads a text: the catalogue in their language, and their locale for numbers and dates. */
export interface Reader {
  readonly t: Translate;
  readonly locale: string | undefined;
}

/**
 * The key of a vocabulary word's message: `keyFor('kpi', 'link_clicks')` is `kpiLinkClicks`,
 * `keyFor('error', 'rate-limited')` is `errorRateLimited`. Deriving keys, rather than mapping each
 * word to its key, keeps the content script small; tests/unit/i18n/catalogues.test.ts checks that
 * every word of each vocabulary has its message.
 */
export function keyFor(prefix: string, word: string): MessageKey {
  return (prefix +
    word.replace(/(?:^|[-_])(\w)/g, (_, letter: string) => letter.toUpperCase())) as MessageKey;
}
