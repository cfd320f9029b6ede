/**
 * The HTML shell: no markup of its own beyond a mount point, the stylesheet of the current build and
 * the boot data as inert JSON (`<script type="application/json" data-sjs>`, as Meta's pages embed
 * theirs), then the same-origin bundle renders everything.
 */
import type { World } from '../world/types';
import { isEvidenceVariant, type AdsManagerControl, type PageLocale } from './control';
import { compileStyles } from './styles';
import { STATIC_PREFIX } from './url-scheme';
import type { BootAccount, BootConfig } from './wire';

/**
 * Scripts only from the page's origin, no inline script, no eval. Inline styles are allowed as on
 * facebook.com, whose CSP has style-src 'unsafe-inline' (an extension's injected styles keep working).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SCRIPT_PATH = `${STATIC_PREFIX}app.js`;
export const STYLE_PATH = `${STATIC_PREFIX}app.css`;

function bootAccount(world: World, accountId: string): BootAccount | undefined {
  const account = world.account(accountId);
  if (!account) return undefined;
  const today = world.today(accountId);
  const earliest = world.historyStart(accountId);
  return {
    accountId: account.accountId,
    name: account.name,
    currency: account.currency,
    businessId: account.businessId,
    timezoneName: account.timezoneName,
    today,
    earliest: earliest < today ? earliest : today,
  };
}

/** The page's interface language for a `<html lang>` tag: German, Chinese, or else English. */
function pageLocaleOf(lang: string): PageLocale {
  return lang.startsWith('de') ? 'de' : lang.startsWith('zh') ? 'zh' : 'en';
}

export function bootConfig(world: World, control: AdsManagerControl, lang: string): BootConfig {
  const { buildId, variant } = control.page;
  return {
    buildId,
    variant,
    locale: isEvidenceVariant(variant) ? (control.page.locale ?? pageLocaleOf(lang)) : 'en',
    classes: compileStyles(buildId).classes,
    accounts: world.accounts.flatMap((a) => bootAccount(world, a.accountId) ?? []),
  };
}

/** JSON that cannot end the script element it sits in, whatever the account names contain. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const TITLE = { campaigns: 'Campaigns', adsets: 'Ad sets', ads: 'Ads' } as const;

/**
 * The page's language, as `<html lang>` declares it: Facebook writes the user's language setting
 * there (`de`, `zh-CN`, `pt-BR`); the simulator takes the browser's first Accept-Language.
 */
export function pageLanguage(acceptLanguage: string | undefined): string {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim() ?? '';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(first) ? first : 'en';
}

export function pageHtml(boot: BootConfig, tab: keyof typeof TITLE, lang = 'en'): string {
  return `<!DOCTYPE html>
<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ads Manager - Manage ads - ${TITLE[tab]}</title>
<link rel="stylesheet" href="${STYLE_PATH}?b=${boot.buildId}">
<script type="application/json" data-sjs>${jsonForScript(boot)}</script>
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body></body>
</html>
`;
}
