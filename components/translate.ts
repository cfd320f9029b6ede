import type { MessageKey } from '@/lib/util/i18n';

/**
 * A localized string by key (`t` from `lib/util/i18n` in the entry points). Components take it as
 * a prop because they may not call browser APIs.
 */
export type Translate = (key: MessageKey, ...substitutions: (string | number)[]) => string;
