/**
 * The language the page declares in `<html lang>`: each extension page sets it from the browser's
 * language when it starts (lib/util/i18n `uiLocale`), so dates and numbers match the text and
 * screen readers pronounce it right. Read when formatting, never at import.
 */
export function documentLocale(): string | undefined {
  return document.documentElement.lang || undefined;
}
