import type {
  ExplainArg,
  ExplainMessage,
  ExplainMessageKey,
  ExplainSubject,
} from '@/lib/schema/explain';
import type { Decomposition, SegmentEffect } from './decompose';
import type { Dimension } from './dimensions';
import { EXPLAIN_MEASURES, type ExplainMetric, type Measure } from './measures';

/**
 * An explanation told the way a media buyer would say it to a colleague, as catalogue keys and
 * typed values (lib/schema/explain): the sentence is written in the reader's language when it is
 * shown (lib/util/finding-text), from `public/_locales/<lang>/messages.json`.
 */

const message = (key: ExplainMessageKey, ...args: ExplainArg[]): ExplainMessage => ({ key, args });
const clause = (inner: ExplainMessage): ExplainArg => ({ type: 'clause', message: inner });
const text = (value: string): ExplainArg => ({ type: 'text', value: value.slice(0, 200) });
/** A share or a change, said in whole percent. */
const percent = (fraction: number): ExplainArg => ({ type: 'change', value: fraction });

const METRIC: Readonly<Record<ExplainMetric, ExplainMessageKey>> = {
  spend: 'explainMetricSpend',
  impressions: 'explainMetricImpressions',
  conversions: 'explainMetricConversions',
  cpm: 'explainMetricCpm',
  ctr: 'explainMetricCtr',
  cpc: 'explainMetricCpc',
  cpa: 'explainMetricCpa',
  roas: 'explainMetricRoas',
};

type WeightNoun = 'spend' | 'impressions' | 'inlineLinkClicks' | 'purchases';

/** "whose share of impressions went from $1 to $2", "$1 of impressions", "Share of impressions". */
const WEIGHT: Readonly<
  Record<
    WeightNoun,
    { moved: ExplainMessageKey; part: ExplainMessageKey; measure: ExplainMessageKey }
  >
> = {
  spend: {
    moved: 'explainShareMovedSpend',
    part: 'explainPartOfSpend',
    measure: 'explainMeasureSpend',
  },
  impressions: {
    moved: 'explainShareMovedImpressions',
    part: 'explainPartOfImpressions',
    measure: 'explainMeasureImpressions',
  },
  inlineLinkClicks: {
    moved: 'explainShareMovedLinkClicks',
    part: 'explainPartOfLinkClicks',
    measure: 'explainMeasureLinkClicks',
  },
  purchases: {
    moved: 'explainShareMovedPurchases',
    part: 'explainPartOfPurchases',
    measure: 'explainMeasurePurchases',
  },
};

/** What a metric's segments are weighted by: the denominator of a ratio, else the sum itself. */
function weightOf(metric: ExplainMetric) {
  const measure: Measure = EXPLAIN_MEASURES[metric];
  return WEIGHT[(measure.denominator ?? measure.numerator) as WeightNoun];
}

/** "Share of impressions": what the chart's bars measure. */
export function measureMessage(metric: ExplainMetric): ExplainMessage {
  return message(weightOf(metric).measure);
}

const LOOK_AT: Readonly<Record<ExplainSubject, ExplainMessageKey>> = {
  account: 'explainLookAtAccount',
  campaign: 'explainLookAtCampaign',
  adset: 'explainLookAtAdset',
  ad: 'explainLookAtAd',
  selection: 'explainLookAtSelection',
};

const RELATIVE: Readonly<Record<ExplainSubject, ExplainMessageKey>> = {
  account: 'explainRelativeAccount',
  campaign: 'explainRelativeCampaign',
  adset: 'explainRelativeAdset',
  ad: 'explainRelativeAd',
  selection: 'explainRelativeSelection',
};

/** Segments as Ads Manager's Breakdown menu names them; a value Meta adds later is shown as sent. */
const SEGMENT: Readonly<Partial<Record<Dimension, Readonly<Record<string, ExplainMessageKey>>>>> = {
  publisher_platform: {
    facebook: 'explainSegmentFacebook',
    instagram: 'explainSegmentInstagram',
    audience_network: 'explainSegmentAudienceNetwork',
    messenger: 'explainSegmentMessenger',
    threads: 'explainSegmentThreads',
  },
  platform_position: {
    'facebook/feed': 'explainSegmentFacebookFeed',
    'facebook/facebook_reels': 'explainSegmentFacebookReels',
    'facebook/facebook_stories': 'explainSegmentFacebookStories',
    'facebook/marketplace': 'explainSegmentFacebookMarketplace',
    'facebook/video_feeds': 'explainSegmentFacebookVideoFeeds',
    'facebook/right_hand_column': 'explainSegmentFacebookRightColumn',
    'facebook/search': 'explainSegmentFacebookSearch',
    'instagram/stream': 'explainSegmentInstagramFeed',
    'instagram/instagram_reels': 'explainSegmentInstagramReels',
    'instagram/instagram_stories': 'explainSegmentInstagramStories',
    'instagram/instagram_explore': 'explainSegmentInstagramExplore',
    'audience_network/classic': 'explainSegmentAudienceNetwork',
    'audience_network/rewarded_video': 'explainSegmentAudienceNetworkRewardedVideo',
    'messenger/messenger_inbox': 'explainSegmentMessengerInbox',
    'messenger/messenger_stories': 'explainSegmentMessengerStories',
  },
  device_platform: {
    mobile_app: 'explainSegmentMobileApp',
    mobile_web: 'explainSegmentMobileWeb',
    desktop: 'explainSegmentDesktop',
  },
  gender: {
    female: 'explainSegmentWomen',
    male: 'explainSegmentMen',
    unknown: 'explainSegmentUnknownGender',
  },
};

const humanize = (value: string) => value.replace(/_/g, ' ');

/** A segment's name: the catalogue's where it has one, a region or age range as Meta sends it. */
export function segmentLabel(dimension: Dimension, value: string): ExplainMessage {
  const key = SEGMENT[dimension]?.[value];
  if (key) return message(key);
  if (dimension === 'age') return message('explainSegmentAges', text(value));
  const [platform = '', position] = value.split('/');
  const platformKey = SEGMENT.publisher_platform?.[platform];
  if (dimension === 'platform_position' && platformKey && position !== undefined) {
    // A placement Meta added later: the platform in the reader's words, the position as sent.
    return message(
      'explainSegmentPlatformPosition',
      clause(message(platformKey)),
      text(humanize(position)),
    );
  }
  return message('explainSegmentAsSent', text(humanize(value)));
}

/** "1.7 ×" reads one decimal; from 10 on, whole. */
function times(ratio: number): ExplainArg {
  return ratio >= 10
    ? { type: 'count', value: Math.round(ratio) }
    : { type: 'decimal', value: ratio };
}

function movement(metric: ExplainMetric, before: number, after: number): ExplainMessage {
  const label = clause(message(METRIC[metric]));
  if (!Number.isFinite(after)) return message('explainHeadNoPurchasesSince', label);
  if (before === 0) {
    return message(after === 0 ? 'explainHeadUnchanged' : 'explainHeadFromNothing', label);
  }
  const change = after / before - 1;
  return message(
    change >= 0 ? 'explainHeadUp' : 'explainHeadDown',
    label,
    percent(Math.abs(change)),
  );
}

/**
 * How the segment moved: its share of the weighting volume (mix), or its own ratio (rate), and how
 * dear it is against the whole ("at 2.3 × the account's CPM").
 */
function segmentClause(
  metric: ExplainMetric,
  segment: SegmentEffect,
  wholeAfter: number,
  subject: ExplainSubject,
): ExplainMessage {
  const measure: Measure = EXPLAIN_MEASURES[metric];
  const weight = weightOf(metric);
  const shares = message(weight.moved, percent(segment.weightBefore), percent(segment.weightAfter));
  if (!measure.denominator) return shares;
  const relative = segment.valueAfter / wholeAfter;
  if (Number.isFinite(segment.valueAfter) && !Number.isFinite(relative)) return shares;
  const at = Number.isFinite(segment.valueAfter)
    ? message(RELATIVE[subject], times(relative), clause(message(METRIC[metric])))
    : message('explainWithNoPurchases');
  if (Math.abs(segment.mix) >= Math.abs(segment.rate)) {
    return message('explainShareAndRelative', clause(shares), clause(at));
  }
  const label = clause(message(METRIC[metric]));
  const part = clause(message(weight.part, percent(segment.weightAfter)));
  if (
    segment.valueBefore > 0 &&
    Number.isFinite(segment.valueBefore) &&
    Number.isFinite(segment.valueAfter)
  ) {
    const move = Math.abs(segment.valueAfter / segment.valueBefore - 1);
    const key = segment.valueAfter >= segment.valueBefore ? 'explainOwnUp' : 'explainOwnDown';
    return message(key, label, percent(move), clause(at), part);
  }
  return message('explainOwnChanged', label, clause(at), part);
}

/** The answer in one or two sentences, about the whole `subject` (the account, the ad set…). */
export function explanationSentence(
  decomposition: Decomposition,
  subject: ExplainSubject,
): ExplainMessage {
  const { metric, before, after, best } = decomposition;
  const head = clause(movement(metric, before, after));
  const top = best?.named[0];
  if (!best || !top) {
    if (decomposition.dimensions.length === 0) return message('explainNoDelivery', head);
    return message('explainNothingStandsOut', head, clause(message(LOOK_AT[subject])));
  }
  const risen = Number.isFinite(after) ? after >= before : true;
  const first = message(
    risen ? 'explainNamedRise' : 'explainNamedFall',
    head,
    percent(Math.min(top.share, 1)),
    clause(segmentLabel(top.dimension, top.value)),
    clause(segmentClause(metric, top, after, subject)),
  );
  const second = best.named[1];
  if (!second) return first;
  return message(
    'explainAlsoNamed',
    clause(first),
    clause(segmentLabel(second.dimension, second.value)),
    percent(Math.min(second.share, 1)),
  );
}
