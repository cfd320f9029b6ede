import { storage } from '#imports';
import { LoginSettingsSchema, type LoginSettings } from '@/lib/schema/connection';
import { validateSetting, type SettingRead } from './read';

/**
 * Which Meta app Facebook Login uses, and whether it asks for `business_management`. The app id is
 * public (it is in every login URL); Adlens never has an app secret. Not secret, so `local:`.
 */
const DEFAULT_LOGIN_SETTINGS: LoginSettings = { appId: null, businessManagement: false };

export const facebookLoginSettings = storage.defineItem<LoginSettings>('local:facebookLogin', {
  fallback: DEFAULT_LOGIN_SETTINGS,
  version: 1,
});

export async function checkLoginSettings(): Promise<SettingRead<LoginSettings>> {
  return validateSetting(
    await facebookLoginSettings.getValue(),
    LoginSettingsSchema,
    DEFAULT_LOGIN_SETTINGS,
  );
}

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readLoginSettings(): Promise<LoginSettings> {
  return (await checkLoginSettings()).value;
}
