import { browser } from '#imports';
import { defineHandler } from '@/lib/messaging/handler';
import { catalogueFor, type CatalogueLocale } from '@/lib/util/locales';

type Catalogue = Record<string, { message: string }>;

const loaded = new Map<CatalogueLocale, Promise<string[][]>>();

async function readCatalogue(locale: CatalogueLocale): Promise<string[][]> {
  const path = `/_locales/${locale}/messages.json` as Parameters<typeof browser.runtime.getURL>[0];
  const catalogue = (await (await fetch(browser.runtime.getURL(path))).json()) as Catalogue;
  return Object.entries(catalogue).map(([key, { message }]) => [key, message]);
}

/**
 * The overlay's strings in the Ads Manager page's language, which may differ from the browser's
 * (the content script reads the browser's through browser.i18n). Read from the extension's own
 * `_locales`, so the content script carries no catalogue.
 */
export default defineHandler('i18n.catalogue', async ({ language }) => {
  const locale = catalogueFor(language);
  if (!locale) return { messages: null };
  let messages = loaded.get(locale);
  if (!messages) {
    messages = readCatalogue(locale);
    loaded.set(locale, messages);
    messages.catch(() => loaded.delete(locale));
  }
  return { messages: await messages };
});
