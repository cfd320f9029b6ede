import type * as z from 'zod/mini';

/**
 * A setting read for the options page: its value when the stored one validates, else the default,
 * and whether a stored value was thrown away, so the page can say so instead of hiding it.
 */
export interface SettingRead<T> {
  readonly value: T;
  readonly corrupt: boolean;
}

export function validateSetting<T>(
  stored: unknown,
  schema: z.ZodMiniType<T>,
  fallback: T,
): SettingRead<T> {
  const parsed = schema.safeParse(stored);
  return parsed.success
    ? { value: parsed.data, corrupt: false }
    : { value: fallback, corrupt: true };
}
