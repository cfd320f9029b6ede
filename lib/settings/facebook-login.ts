import { storage } from '#imports';
import { LoginSettingsSchema, type LoginSettings } from '@/lib/schema/connection';

/**
 * Which Meta app Facebook Login uses, and whether it asks for `business_management`. The app id is
 * public (it is in every login URL); Adlens never has an app secret. Not secret, so `local:`.
 */
const DEFAULT_LOGIN_SETTINGS: LoginSettings = { appId: null, businessManagement: false };

export const facebookLoginSettings = storage.defineItem<LoginSettings>('local:facebookLogin', {
  fallback: DEFAULT_LOGIN_SETTINGS,
  version: 1,
});

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readLoginSettings(): Promise<LoginSettings> {
  const parsed = LoginSettingsSchema.safeParse(await facebookLoginSettings.getValue());
  return parsed.success ? parsed.data : DEFAULT_LOGIN_SETTINGS;
}
