import { render, type VNode } from 'preact';
import { uiLocale } from '@/lib/util/i18n';

/**
 * Starts an extension page (options, popup, snapshot viewer) in the browser's language: `<html
 * lang>` is set before the first render, so dates and numbers match the text and screen readers
 * pronounce it right. The page's HTML is an empty shell; the page is its body.
 */
export function mountExtensionPage(page: VNode): void {
  document.documentElement.lang = uiLocale() ?? 'en';
  render(page, document.body);
}

/** The language the page declares in `<html lang>` (set by `mountExtensionPage`). Read when formatting, never at import. */
export function documentLocale(): string | undefined {
  return document.documentElement.lang || undefined;
}
