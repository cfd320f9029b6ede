import { LoginSettingsSchema, type LoginSettings } from '@/lib/schema/connection';
import { readOwnedSetting, writeOwnedSetting } from './owned';
import { validateSetting, type SettingRead } from './read';

/**
 * Which Meta app Facebook Login (and its silent renewal) uses, and whether it asks for
 * `business_management`. The app id is public (it is in every login URL); Adlens never has an app
 * secret. Owned by the background (lib/settings/owned): only `auth.login` writes it.
 */
const DEFAULT_LOGIN_SETTINGS: LoginSettings = { appId: null, businessManagement: false };

export async function checkLoginSettings(): Promise<SettingRead<LoginSettings>> {
  const stored = await readOwnedSetting('facebookLogin');
  return validateSetting(
    stored ?? DEFAULT_LOGIN_SETTINGS,
    LoginSettingsSchema,
    DEFAULT_LOGIN_SETTINGS,
  );
}

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readLoginSettings(): Promise<LoginSettings> {
  return (await checkLoginSettings()).value;
}

export function saveLoginSettings(settings: LoginSettings): Promise<void> {
  return writeOwnedSetting('facebookLogin', LoginSettingsSchema.parse(settings));
}
