import type { Decomposition, SegmentEffect } from './decompose';
import type { Dimension } from './dimensions';
import { EXPLAIN_MEASURES, type ExplainMetric, type Measure } from './measures';

/** An explanation told in words, the way a media buyer would say it to a colleague. */

export const EXPLAIN_METRIC_LABELS: Readonly<Record<ExplainMetric, string>> = {
  spend: 'Spend',
  impressions: 'Impressions',
  conversions: 'Purchases',
  cpm: 'CPM',
  ctr: 'CTR',
  cpc: 'CPC',
  cpa: 'CPA',
  roas: 'ROAS',
};

const WEIGHT_NOUN: Readonly<Record<string, string>> = {
  spend: 'spend',
  impressions: 'impressions',
  inlineLinkClicks: 'link clicks',
  purchases: 'purchases',
};

const DIMENSION_NOUN: Readonly<Record<Dimension, string>> = {
  publisher_platform: 'platform',
  platform_position: 'placement',
  device_platform: 'device',
  age: 'age group',
  gender: 'gender',
  region: 'region',
};

const PLATFORM: Readonly<Record<string, string>> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  audience_network: 'Audience Network',
  messenger: 'Messenger',
  threads: 'Threads',
};

const POSITION: Readonly<Record<string, string>> = {
  'facebook/feed': 'Facebook Feed',
  'facebook/facebook_reels': 'Facebook Reels',
  'facebook/facebook_stories': 'Facebook Stories',
  'facebook/marketplace': 'Facebook Marketplace',
  'facebook/video_feeds': 'Facebook Video Feeds',
  'facebook/right_hand_column': 'Facebook Right Column',
  'facebook/search': 'Facebook Search',
  'instagram/stream': 'Instagram Feed',
  'instagram/instagram_reels': 'Instagram Reels',
  'instagram/instagram_stories': 'Instagram Stories',
  'instagram/instagram_explore': 'Instagram Explore',
  'audience_network/classic': 'Audience Network',
  'audience_network/rewarded_video': 'Audience Network Rewarded Video',
  'messenger/messenger_inbox': 'Messenger Inbox',
  'messenger/messenger_stories': 'Messenger Stories',
};

const DEVICE: Readonly<Record<string, string>> = {
  mobile_app: 'the mobile app',
  mobile_web: 'mobile web',
  desktop: 'desktop',
};

const GENDER: Readonly<Record<string, string>> = {
  female: 'women',
  male: 'men',
  unknown: 'people of unknown gender',
};

const humanize = (text: string) => text.replace(/_/g, ' ');

/** A segment as Ads Manager's Breakdown menu would name it. */
export function segmentLabel(dimension: Dimension, value: string): string {
  switch (dimension) {
    case 'publisher_platform':
      return PLATFORM[value] ?? humanize(value);
    case 'platform_position': {
      const [platform = '', position = ''] = value.split('/');
      return POSITION[value] ?? `${PLATFORM[platform] ?? humanize(platform)} ${humanize(position)}`;
    }
    case 'device_platform':
      return DEVICE[value] ?? humanize(value);
    case 'age':
      return `ages ${value}`;
    case 'gender':
      return GENDER[value] ?? humanize(value);
    case 'region':
      return value;
  }
}

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'no purchases against';
  return `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)} ×`;
}

function movement(metric: ExplainMetric, before: number, after: number): string {
  const label = EXPLAIN_METRIC_LABELS[metric];
  if (!Number.isFinite(after)) return `${label} up (no purchases since)`;
  if (before === 0) return after === 0 ? `${label} unchanged` : `${label} up from nothing`;
  const change = after / before - 1;
  return `${label} ${change >= 0 ? 'up' : 'down'} ${percent(Math.abs(change))}`;
}

/** "whose share of impressions went from 12 % to 41 % at 2.3 × the account's CPM" */
function segmentClause(
  metric: ExplainMetric,
  segment: SegmentEffect,
  wholeAfter: number,
  subject: string,
): string {
  const measure: Measure = EXPLAIN_MEASURES[metric];
  const noun = WEIGHT_NOUN[measure.denominator ?? measure.numerator] ?? 'volume';
  const label = EXPLAIN_METRIC_LABELS[metric];
  const shares = `share of ${noun} went from ${percent(segment.weightBefore)} to ${percent(segment.weightAfter)}`;
  if (!measure.denominator) return `whose ${shares}`;
  const relative = times(segment.valueAfter / wholeAfter);
  const at = Number.isFinite(segment.valueAfter)
    ? `at ${relative} ${subject}'s ${label}`
    : `with no purchases`;
  if (Math.abs(segment.mix) >= Math.abs(segment.rate)) return `whose ${shares} ${at}`;
  const own =
    segment.valueBefore > 0 &&
    Number.isFinite(segment.valueBefore) &&
    Number.isFinite(segment.valueAfter)
      ? `${label} moved ${segment.valueAfter >= segment.valueBefore ? 'up' : 'down'} ${percent(Math.abs(segment.valueAfter / segment.valueBefore - 1))}`
      : `${label} changed`;
  return `whose own ${own} (${at}, ${percent(segment.weightAfter)} of ${noun})`;
}

/**
 * The answer in one or two sentences. `subject` names the whole ("the account", "the ad set").
 */
export function explanationSentence(decomposition: Decomposition, subject: string): string {
  const { metric, before, after, best } = decomposition;
  const head = movement(metric, before, after);
  const top = best?.named[0];
  if (!best || !top) {
    const nouns = decomposition.dimensions.map((d) => DIMENSION_NOUN[d.dimension]);
    if (nouns.length === 0)
      return `${head}: Meta reported no delivery to break down in these days.`;
    const list = [...new Set(nouns)];
    const every = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
    return `${head}: nothing stands out — every ${every} moved alike, so look at ${subject} itself (budget, bid, creative, tracking).`;
  }
  const risen = Number.isFinite(after) ? after >= before : true;
  const first = `${head}: ${percent(Math.min(top.share, 1))} of the ${risen ? 'rise' : 'fall'} comes from ${segmentLabel(top.dimension, top.value)}, ${segmentClause(metric, top, after, subject)}.`;
  const second = best.named[1];
  if (!second) return first;
  return `${first} ${segmentLabel(second.dimension, second.value)} adds ${percent(Math.min(second.share, 1))}.`;
}
