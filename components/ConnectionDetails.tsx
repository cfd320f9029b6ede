import type { Translate } from '@/components/translate';
import type { ConnectionInfo, Expiry, TokenType } from '@/lib/schema/connection';
import type { MessageKey } from '@/lib/util/i18n';
import { dateTimeFormat, relativeTimeFormat } from '@/lib/util/intl';
import { documentLocale } from './extension-page';

/** What each permission lets Adlens do, in the words of the options page. */
const SCOPE_PURPOSES: Readonly<Record<string, MessageKey>> = {
  ads_read: 'scopeAdsRead',
  ads_management: 'scopeAdsManagement',
  business_management: 'scopeBusinessManagement',
};

const TOKEN_TYPE_NAMES: Readonly<Record<TokenType, MessageKey>> = {
  USER: 'tokenTypeUser',
  SYSTEM_USER: 'tokenTypeSystemUser',
  PAGE: 'tokenTypePage',
  APP: 'tokenTypeApp',
  unknown: 'tokenTypeUnknown',
};

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relative(ms: number, now: number): string {
  const delta = ms - now;
  const [unit, size] = UNITS.find(([, length]) => Math.abs(delta) >= length) ?? UNITS[2]!;
  const relativeTime = relativeTimeFormat(documentLocale(), { numeric: 'auto' });
  return relativeTime.format(Math.round(delta / size), unit);
}

export function expiryText(expiry: Expiry, now: number, t: Translate): string {
  if (expiry === null) return t('expiryNotReported');
  if (expiry === 'never') return t('expiryNever');
  const ms = expiry * 1000;
  const dateTime = dateTimeFormat(documentLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `${dateTime.format(ms)} (${relative(ms, now)})`;
}

function sourceText(info: ConnectionInfo, t: Translate): string {
  if (info.source === 'login') {
    return info.appId === null ? t('sourceLoginUnknownApp') : t('sourceLogin', info.appId);
  }
  return info.appId === null ? t('sourcePasted') : t('sourcePastedApp', info.appId);
}

/** Who issued the token, what it may do and until when: Meta's own answers, shown as text. */
export function ConnectionDetails({
  info,
  now,
  t,
}: {
  readonly info: ConnectionInfo;
  readonly now: number;
  readonly t: Translate;
}) {
  return (
    <dl class="details" data-testid="connection-details">
      <dt>{t('connectedWith')}</dt>
      <dd>
        {sourceText(info, t)} · {t(TOKEN_TYPE_NAMES[info.tokenType])}
      </dd>
      <dt>{t('permissions')}</dt>
      <dd data-testid="connection-scopes">
        <ul class="scopes">
          {info.grantedScopes.map((scope) => {
            const purpose = SCOPE_PURPOSES[scope];
            return (
              <li key={scope}>
                <code>{scope}</code>
                {purpose !== undefined && <span class="muted"> — {t(purpose)}</span>}
              </li>
            );
          })}
        </ul>
        {info.declinedScopes.length > 0 && (
          <p class="muted" data-testid="declined-scopes">
            {t('declinedScopes', info.declinedScopes.join(', '))}
          </p>
        )}
      </dd>
      <dt>{t('tokenExpires')}</dt>
      <dd data-testid="token-expiry">
        {info.health === 'expired' ? t('tokenRejected') : expiryText(info.expiresAt, now, t)}
      </dd>
      <dt>{t('dataAccessUntil')}</dt>
      <dd data-testid="data-access-expiry">{expiryText(info.dataAccessExpiresAt, now, t)}</dd>
    </dl>
  );
}
