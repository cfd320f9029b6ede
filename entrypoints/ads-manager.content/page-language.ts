import type { Translate } from '@/components/translate';
import { send } from '@/lib/messaging/page-client';
import { t, uiLocale } from '@/lib/util/i18n';
import { formatMessage } from '@/lib/util/message-format';

/**
 * The overlay speaks the Ads Manager page's language (`<html lang>`, the buyer's Facebook
 * setting), not necessarily the browser's. The background answers that language's catalogue; when
 * Adlens has none, or the background cannot answer, the overlay uses the browser's language
 * through browser.i18n, like Adlens's own pages.
 */
let page: { readonly locale: string; readonly messages: Readonly<Record<string, string>> } | null =
  null;

export async function loadPageLanguage(): Promise<void> {
  const language = document.documentElement.lang;
  if (!language) return;
  try {
    const { messages } = await send('i18n.catalogue', { language });
    page = messages
      ? {
          locale: language,
          messages: Object.fromEntries(messages as [string, string][]),
        }
      : null;
  } catch {
    page = null;
  }
}

/** The locale the overlay formats numbers, money and dates in. */
export function pageLocale(): string | undefined {
  return page?.locale ?? uiLocale();
}

export const pageT: Translate = (key, ...substitutions) => {
  const template = page?.messages[key];
  return template === undefined
    ? t(key, ...substitutions)
    : formatMessage(template, substitutions, page!.locale);
};
