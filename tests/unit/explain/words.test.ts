import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExplanation, type SegmentPair } from '@/lib/explain';
import { pair, totals } from './fixtures';
import { explainView } from '@/lib/explain/view';
import { segmentLabel } from '@/lib/explain/words';
import { ExplainResponseSchema, type ExplainMessage, type Explanation } from '@/lib/schema/explain';
import { findingText, type CatalogueMessage } from '@/lib/util/finding-text';
import { CATALOGUE_LOCALES } from '@/lib/util/locales';
import { formatMessage, placeholdersOf, type Substitution } from '@/lib/util/message-format';
import type { MessageKey } from '@/lib/util/message-keys';

/**
 * Explain's answers in every language: the background keeps them as catalogue keys and typed
 * values, and each reader gets whole sentences in their language, numbers written their way.
 */

const LANGUAGES = CATALOGUE_LOCALES.map((folder) => {
  const messages = JSON.parse(
    readFileSync(`public/_locales/${folder}/messages.json`, 'utf8'),
  ) as Record<string, { message: string }>;
  const locale = folder.replace('_', '-');
  const t = (key: MessageKey, ...substitutions: Substitution[]) =>
    formatMessage(messages[key]?.message ?? `MISSING ${key}`, substitutions, locale);
  return {
    folder,
    locale,
    messages,
    say: (message: CatalogueMessage) => findingText(message, t, locale),
  };
});
const english = LANGUAGES.find((language) => language.folder === 'en')!;

const explain = (
  metric: Explanation['metric'],
  segments: SegmentPair[],
  subject: 'account' | 'campaign' | 'adset' = 'campaign',
) =>
  buildExplanation({
    metric,
    segments,
    subject,
    baseline: { since: '2026-11-01', until: '2026-11-14' },
    affected: { since: '2026-11-15', until: '2026-11-21' },
    requests: 3,
    fetchedAt: 0,
  });

/** One answer of each shape the sentence takes. */
const ANSWERS: Readonly<Record<string, Explanation>> = {
  mix: explain(
    'cpm',
    [
      pair('facebook/feed', totals(54_000, 5_400_000), totals(30_000, 3_000_000)),
      pair('instagram/instagram_reels', totals(30_000, 1_000_000), totals(90_000, 3_000_000)),
      pair('instagram/stream', totals(36_000, 3_600_000), totals(40_000, 4_000_000)),
    ],
    'account',
  ),
  rate: explain('cpm', [
    pair('facebook/feed', totals(60_000, 6_000_000), totals(60_000, 6_000_000)),
    pair('instagram/instagram_stories', totals(20_000, 2_000_000), totals(60_000, 2_000_000)),
    pair('instagram/stream', totals(20_000, 2_000_000), totals(20_000, 2_000_000)),
  ]),
  two: explain('cpm', [
    pair('facebook/feed', totals(60_000, 6_000_000), totals(60_000, 6_000_000)),
    pair('instagram/instagram_reels', totals(20_000, 2_000_000), totals(50_000, 2_000_000)),
    pair('instagram/instagram_stories', totals(20_000, 2_000_000), totals(45_000, 2_000_000)),
  ]),
  fall: explain('spend', [
    pair('mobile_app', totals(50_000, 5_000_000), totals(5_000, 500_000), 'device_platform'),
    pair('desktop', totals(50_000, 5_000_000), totals(50_000, 5_000_000), 'device_platform'),
  ]),
  cpa: explain(
    'cpa',
    [
      pair('18-24', totals(30_000, 3_000_000, 30), totals(30_000, 3_000_000, 3), 'age'),
      pair('25-34', totals(40_000, 4_000_000, 40), totals(40_000, 4_000_000, 40), 'age'),
      pair('35-44', totals(30_000, 3_000_000, 30), totals(30_000, 3_000_000, 30), 'age'),
    ],
    'adset',
  ),
  nothing: explain('cpm', [
    pair('female', totals(10_000, 1_000_000), totals(10_100, 1_000_000), 'gender'),
    pair('male', totals(90_000, 9_000_000), totals(91_000, 9_000_000), 'gender'),
  ]),
  noDelivery: explain('impressions', []),
};

/** Every message of an answer, nested clauses included. */
function messagesOf(message: ExplainMessage): ExplainMessage[] {
  return [
    message,
    ...message.args.flatMap((arg) => (arg.type === 'clause' ? messagesOf(arg.message) : [])),
  ];
}

function allMessages(explanation: Explanation): ExplainMessage[] {
  const view = explainView(explanation);
  return [view.sentence, view.measure, view.note, ...view.bars.map((bar) => bar.label)].flatMap(
    messagesOf,
  );
}

/** Words only the English answer uses: none may reach a reader of another language. */
const ENGLISH_WORDS =
  /\b(up|down|rise|fall|comes from|whose|own|share of|moved|alike|nothing stands out|look at|itself|the (account|campaign|ad set)|impressions|spend|purchases|ages|women|men|mobile app|desktop|against|read from|request|kept)\b/;

describe('Explain answers', () => {
  it('are what English readers have read all along', () => {
    expect(english.say(ANSWERS.mix!.sentence)).toMatch(
      /^CPM up 33 %: \d+ % of the rise comes from Instagram Reels, whose share of impressions went from 10 % to 30 % at 1\.9 × the account's CPM\.$/,
    );
    expect(english.say(ANSWERS.rate!.sentence)).toBe(
      "CPM up 40 %: 100 % of the rise comes from Instagram Stories, whose own CPM moved up 200 % (at 2.1 × the campaign's CPM, 20 % of impressions).",
    );
    expect(english.say(ANSWERS.two!.sentence)).toBe(
      "CPM up 55 %: 55 % of the rise comes from Instagram Reels, whose own CPM moved up 150 % (at 1.6 × the campaign's CPM, 20 % of impressions). Instagram Stories adds 45 %.",
    );
    expect(english.say(ANSWERS.fall!.sentence)).toMatch(
      /^Spend down 45 %: 100 % of the fall comes from the mobile app, whose share of spend went from 50 % to 9 %\.$/,
    );
    expect(english.say(ANSWERS.cpa!.sentence)).toMatch(
      /^CPA up \d+ %: \d+ % of the rise comes from ages 18-24, /,
    );
    expect(english.say(ANSWERS.nothing!.sentence)).toBe(
      'CPM up 1 %: nothing stands out — every platform, placement, device, age group, gender and region moved alike, so look at the campaign itself (budget, bid, creative, tracking).',
    );
    expect(english.say(ANSWERS.noDelivery!.sentence)).toBe(
      'Impressions unchanged: Meta reported no delivery to break down in these days.',
    );
    expect(english.say(explainView(ANSWERS.rate!).note)).toBe(
      'Nov 15 – Nov 21 against Nov 1 – Nov 14; read from Meta on request (3 requests), kept with the finding.',
    );
  });

  it('give every message as many values as its placeholders, in every language', () => {
    for (const [name, answer] of Object.entries(ANSWERS)) {
      ExplainResponseSchema.parse(explainView(answer));
      for (const message of allMessages(answer)) {
        for (const { folder, messages } of LANGUAGES) {
          const template = messages[message.key]?.message;
          expect(template, `${folder} ${message.key}`).toBeDefined();
          expect(placeholdersOf(template!), `${name}: ${folder} ${message.key}`).toEqual(
            message.args.map((_, index) => index + 1),
          );
        }
      }
    }
  });

  it.each(LANGUAGES.filter(({ folder }) => folder !== 'en'))(
    'read in $folder, with no English left and numbers written the language’s way',
    ({ folder, locale, say }) => {
      for (const [name, answer] of Object.entries(ANSWERS)) {
        const view = explainView(answer);
        for (const text of [
          view.sentence,
          view.measure,
          view.note,
          ...view.bars.map((bar) => bar.label),
        ].map(say)) {
          expect(text, `${folder} ${name}`).not.toMatch(ENGLISH_WORDS);
          expect(text, `${folder} ${name}`).not.toMatch(/MISSING|\$\d|[{}]/);
        }
        expect(say(view.sentence)).not.toBe(english.say(view.sentence));
      }
      // "1.9 ×" in English: a decimal comma where the language writes one.
      const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).format(1.9);
      expect(say(ANSWERS.mix!.sentence)).toContain(ratio);
      expect(say(ANSWERS.mix!.sentence)).toContain(
        new Intl.NumberFormat(locale, { style: 'percent' }).format(0.33),
      );
    },
  );

  it('name a segment the catalogue lacks as Meta sends it, the platform still translated', () => {
    const german = LANGUAGES.find(({ folder }) => folder === 'de')!;
    expect(german.say(segmentLabel('region', 'Baden-Württemberg'))).toBe('Baden-Württemberg');
    expect(german.say(segmentLabel('age', '65+'))).toBe('Alter 65+');
    expect(german.say(segmentLabel('platform_position', 'instagram/new_surface'))).toBe(
      'Instagram new surface',
    );
    expect(english.say(segmentLabel('device_platform', 'smart_tv'))).toBe('smart tv');
  });
});
