import type { ConnectionInfo, Expiry, TokenType } from '@/lib/schema/connection';

/** What each permission lets Adlens do, in the words of the options page. */
const SCOPE_PURPOSES: Readonly<Record<string, string>> = {
  ads_read: 'read your ad accounts, campaigns and reports',
  ads_management: 'read (and could change) your ads; Adlens only reads',
  business_management: 'see ad accounts owned by your Business Manager',
};

const TOKEN_TYPE_NAMES: Readonly<Record<TokenType, string>> = {
  USER: 'User token',
  SYSTEM_USER: 'System user token',
  PAGE: 'Page token',
  APP: 'App token',
  unknown: 'Token type not reported by Meta',
};

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relative(ms: number, now: number): string {
  const delta = ms - now;
  const [unit, size] = UNITS.find(([, length]) => Math.abs(delta) >= length) ?? UNITS[2]!;
  return RELATIVE.format(Math.round(delta / size), unit);
}

export function expiryText(expiry: Expiry, now: number): string {
  if (expiry === null) return 'not reported by Meta';
  if (expiry === 'never') return 'never';
  const ms = expiry * 1000;
  return `${DATE_TIME.format(ms)} (${relative(ms, now)})`;
}

function sourceText(info: ConnectionInfo): string {
  if (info.source === 'login') return `Facebook Login (app ${info.appId ?? 'unknown'})`;
  return info.appId === null ? 'a pasted token' : `a pasted token of app ${info.appId}`;
}

/** Who issued the token, what it may do and until when: Meta's own answers, shown as text. */
export function ConnectionDetails({
  info,
  now,
}: {
  readonly info: ConnectionInfo;
  readonly now: number;
}) {
  return (
    <dl class="details" data-testid="connection-details">
      <dt>Connected with</dt>
      <dd>
        {sourceText(info)} · {TOKEN_TYPE_NAMES[info.tokenType]}
      </dd>
      <dt>Permissions</dt>
      <dd data-testid="connection-scopes">
        <ul class="scopes">
          {info.grantedScopes.map((scope) => (
            <li key={scope}>
              <code>{scope}</code>
              {SCOPE_PURPOSES[scope] && <span class="muted"> — {SCOPE_PURPOSES[scope]}</span>}
            </li>
          ))}
        </ul>
        {info.declinedScopes.length > 0 && (
          <p class="muted" data-testid="declined-scopes">
            Declined: {info.declinedScopes.join(', ')}
          </p>
        )}
      </dd>
      <dt>Token expires</dt>
      <dd data-testid="token-expiry">
        {info.health === 'expired' ? 'rejected by Meta' : expiryText(info.expiresAt, now)}
      </dd>
      <dt>Data access until</dt>
      <dd data-testid="data-access-expiry">{expiryText(info.dataAccessExpiresAt, now)}</dd>
    </dl>
  );
}
