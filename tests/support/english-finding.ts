import catalogue from '@/public/_locales/en/messages.json';
import { findingText, type CatalogueMessage } from '@/lib/util/finding-text';
import { formatMessage } from '@/lib/util/message-format';
import type { Translate } from '@/lib/util/message-keys';

/*
 * Without the fake browser, so end-to-end specs can say what a page in English shows.
 */

const english: Translate = (key, ...substitutions) =>
  formatMessage(catalogue[key].message, substitutions, 'en');

/**
 * A finding's sentence or next step, or an explanation's, as an English reader sees it (the 'en'
 * catalogue and formats).
 */
export function englishFinding(message: CatalogueMessage): string;
export function englishFinding(message: CatalogueMessage | undefined): string | undefined;
export function englishFinding(message: CatalogueMessage | undefined): string | undefined {
  return message && findingText(message, english, 'en');
}
