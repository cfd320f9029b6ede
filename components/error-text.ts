import type { Translate } from '@/components/translate';
import { AppError } from '@/lib/schema/errors';
import { keyFor } from '@/lib/util/i18n';

/**
 * What went wrong, in the reader's language. The background's errors carry a code and an English
 * message; the code picks the sentence (`errorRateLimited` for `rate-limited`). A Graph error's
 * sentence quotes Meta's own message, since only it says what Meta refused.
 */
export function errorText(t: Translate, error: unknown, fallback: string): string {
  return error instanceof AppError ? t(keyFor('error', error.code), error.message) : fallback;
}
