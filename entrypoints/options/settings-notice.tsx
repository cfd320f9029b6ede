import { useEffect, useState } from 'preact/hooks';
import type { CheckedSetting } from '@/lib/schema/settings';
import { corruptSettings } from '@/lib/settings/client';
import { t, type MessageKey } from '@/lib/util/i18n';

const NAMES: Readonly<Record<CheckedSetting, MessageKey>> = {
  sync: 'settingSync',
  facebookLogin: 'settingFacebookLogin',
};

/** Says which stored settings could not be read and now run on their defaults. */
export function SettingsNotice() {
  const [corrupt, setCorrupt] = useState<CheckedSetting[]>([]);
  useEffect(() => {
    void corruptSettings().then(setCorrupt);
  }, []);
  if (corrupt.length === 0) return null;
  return (
    <p class="notice warning" role="alert" data-testid="settings-notice">
      {t('settingsCorrupt', corrupt.map((name) => t(NAMES[name])).join(', '))}
    </p>
  );
}
