import { browser } from '#imports';
import { formatMessage, type Substitution } from './message-format';
import type { MessageKey, Reader } from './message-keys';

export { keyFor, type MessageKey, type Reader, type Translate } from './message-keys';

/** WXT types getMessage as one overload per key; this is the one call underneath. */
type I18n = { getMessage(key: string, substitutions: string[]): string };

/** Handed to the browser so that it returns the template with its `$n` placeholders intact. */
const PLACEHOLDERS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];

/** The browser's language, as extension pages show text and numbers in (e.g. "de", "pt-BR"). */
export function uiLocale(): string | undefined {
  // The language of the catalogue the browser picked, which getUILanguage() does not always report;
  // the browser's own regional variant of it when it has one (de-CH formats numbers its own way).
  const text = (browser.i18n as unknown as I18n).getMessage('catalogueLocale', []);
  const browserLanguage = globalThis.navigator?.language ?? text;
  return browserLanguage.startsWith(text.slice(0, 2)) ? browserLanguage : text;
}

/**
 * A localized string from `public/_locales/<lang>/messages.json` in the browser's language (a key
 * missing there falls back to English, `default_locale`), formatted by lib/util/message-format.
 */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const template = (browser.i18n as unknown as I18n).getMessage(key, PLACEHOLDERS);
  return formatMessage(template, substitutions, uiLocale());
}

/** The reader of an extension page: the browser's language for words, numbers and dates. */
export function uiReader(): Reader {
  return { t, locale: uiLocale() };
}
