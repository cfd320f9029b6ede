import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueLocale } from '@/lib/util/locales';
import { formatMessage, type Substitution } from '@/lib/util/message-format';
import type { MessageKey, Reader } from '@/lib/util/message-keys';

/**
 * A reader of one catalogue without the browser, as an extension page in that language reads it:
 * the folder's messages and the locale its numbers and dates are written in. Usable from unit and
 * end-to-end specs alike.
 */
export function readerFor(folder: CatalogueLocale): Reader {
  const messages = JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, `../../../public/_locales/${folder}/messages.json`),
      'utf8',
    ),
  ) as Record<string, { message: string }>;
  const locale = folder.replace('_', '-');
  const t = (key: MessageKey, ...substitutions: Substitution[]) => {
    const template = messages[key]?.message;
    if (template === undefined) throw new Error(`${folder} has no message ${key}`);
    return formatMessage(template, substitutions, locale);
  };
  return { t, locale };
}
