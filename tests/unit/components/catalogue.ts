import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import catalogue from '@/public/_locales/en/messages.json';
import type { Translate } from '@/components/translate';
import type { MessageKey } from '@/lib/util/i18n';
import { formatMessage, type Substitution } from '@/lib/util/message-format';

/** The English catalogue read as the browser reads it: `$1`… take the substitutions, `$$` is `$`. */
export function englishMessage(key: MessageKey, substitutions: readonly string[] = []): string {
  return catalogue[key].message.replace(/\$(\d|\$)/g, (_, index: string) =>
    index === '$' ? '$' : (substitutions[Number(index) - 1] ?? ''),
  );
}

/** A message as `t` shows it in an English browser, plurals resolved. */
export function englishText(key: MessageKey, ...substitutions: Substitution[]): string {
  return formatMessage(catalogue[key].message, substitutions, 'en');
}

/** Makes the fake browser's i18n answer from the English catalogue, as Chromium does. */
export function useEnglishCatalogue() {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
    englishMessage(key as MessageKey, subs ?? [])) as typeof fakeBrowser.i18n.getMessage);
}

/** The translate function the entry points pass to components, answering in English. */
export const translate: Translate = englishText;

export { englishFinding } from '@/tests/support/english-finding';
