import type { Random } from '../../support/random';
import type { HostileNameKind, Level } from './types';

/**
 * Entity names. Most read like a media buyer's naming convention; a deterministic few carry hostile
 * text (scripts, markup, bidi controls, very long strings) because names are advertiser-controlled
 * and the overlay must render them as inert text.
 */

const LONG_NAME = `Evergreen | Always-on prospecting | ${'Broad audience, Advantage+ placements, dynamic creative, value optimisation, '.repeat(4)}end`;

export const HOSTILE_NAMES: Readonly<Record<HostileNameKind, string>> = {
  cjk: '冬季促销 | 東京・大阪 | 新規顧客獲得 | 겨울 세일',
  rtl: 'حملة الشتاء | تخفيضات ٥٠٪ | מבצע חורף | Winter',
  accents: 'Crème brûlée — Été à Montréal · Ñandú · Zürich · Ærøskøbing',
  emoji: '🔥 Black Friday 🛍️ 50% OFF 👩‍👩‍👧‍👦 🇺🇸 ✨',
  long: LONG_NAME,
  html_injection: 'Spring Sale <img src=x onerror=alert(1)>',
  script_breakout: 'Retargeting </script><script>alert(document.domain)</script>',
  attribute_breakout: 'Lookalike 1% " onmouseover="alert(1)" data-x=\' onfocus=\'alert(2)',
  bidi_override: 'Invoice \u202Egnp.exe\u202C | \u200Bzero\u200Dwidth',
  template_injection: "Promo {{constructor.constructor('alert(1)')()}} ${alert(1)}",
};

export const HOSTILE_KINDS = Object.keys(HOSTILE_NAMES) as HostileNameKind[];

interface NameVocabulary {
  readonly funnels: readonly string[];
  readonly themes: readonly string[];
  readonly audiences: readonly string[];
  readonly formats: readonly string[];
  readonly creatives: readonly string[];
}

const LATIN: NameVocabulary = {
  funnels: ['Prospecting', 'Retargeting', 'Retention', 'Sales', 'Brand', 'Catalog'],
  themes: ['Broad', 'ASC+', 'Winter Drop', 'BF26', 'Evergreen', 'New Arrivals', 'Clearance'],
  audiences: [
    'Broad 18-65',
    'LAL 1% Purchasers',
    'Site Visitors 30d',
    'ATC 14d',
    'Interests Outdoor',
  ],
  formats: ['Video', 'Carousel', 'Static', 'Reel', 'Collection', 'UGC'],
  creatives: ['Hero', 'Testimonial', 'Unboxing', 'Lifestyle', 'Offer', 'How-to'],
};

const JAPANESE: NameVocabulary = {
  funnels: ['新規獲得', 'リターゲティング', 'ブランド認知', 'セール'],
  themes: ['ブロード', '冬の新作', '年末セール', '定番'],
  audiences: ['類似 1%', 'サイト訪問者 30日', '興味関心 アウトドア', 'ブロード'],
  formats: ['動画', 'カルーセル', '静止画', 'リール'],
  creatives: ['メイン', 'レビュー', '開封', 'ライフスタイル'],
};

export function vocabularyFor(language: 'latin' | 'japanese'): NameVocabulary {
  return language === 'japanese' ? JAPANESE : LATIN;
}

export function ordinaryName(
  level: Level,
  random: Random,
  vocabulary: NameVocabulary,
  market: string,
  serial: number,
): string {
  switch (level) {
    case 'campaign':
      return `${random.pick(vocabulary.funnels)} | ${market} | ${random.pick(vocabulary.themes)}`;
    case 'adset':
      return `${random.pick(vocabulary.audiences)} – ${market} – #${serial}`;
    case 'ad':
      return `${random.pick(vocabulary.formats)} ${random.pick(vocabulary.creatives)} v${serial}`;
  }
}
