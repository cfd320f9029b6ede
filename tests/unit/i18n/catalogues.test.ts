import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSIGHT_SUBJECT_LEVELS, InsightChangeSchema, KPI_METRICS } from '@/lib/schema/insight';
import { ERROR_CODES } from '@/lib/schema/errors';
import { FindingSeveritySchema } from '@/lib/schema/row-findings';
import { SYNC_PROBLEMS } from '@/lib/schema/sync';
import { SPARKLINE_METRICS } from '@/lib/settings/overlay';
import { ENTITY_LEVELS, METRICS, SEVERITIES } from '@/lib/snapshots/format/schema';
import { keyFor } from '@/lib/util/i18n';
import { CATALOGUE_LOCALES } from '@/lib/util/locales';
import { formatMessage, placeholdersOf, pluralCases } from '@/lib/util/message-format';
import { PASSPHRASE_MIN_DISTINCT, PASSPHRASE_MIN_LENGTH } from '@/lib/util/passphrase';

/**
 * Every language's catalogue against English and the code: no key missing or left unused, the
 * same placeholders and plural selectors everywhere, and no English sentence left untranslated.
 */
type Catalogue = Record<string, { message: string }>;

const read = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Catalogue;
const english = read('en');
const TRANSLATIONS = CATALOGUE_LOCALES.filter((locale) => locale !== 'en');

const UI_SOURCES = ['components', 'entrypoints', 'lib'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Keys derived from a vocabulary with `keyFor(prefix, word)`, as the code derives them. */
const DERIVED: Record<string, readonly string[]> = {
  error: ERROR_CODES,
  syncProblem: SYNC_PROBLEMS,
  kpi: [...new Set([...KPI_METRICS, ...METRICS])],
  sparkline: SPARKLINE_METRICS,
  severity: FindingSeveritySchema.options,
  badgeLabel: FindingSeveritySchema.options,
  levelLabel: INSIGHT_SUBJECT_LEVELS,
  changeField: InsightChangeSchema.shape.field.options,
  snapshotCount: ENTITY_LEVELS,
  snapshotSeverityCount: SEVERITIES,
};

/** Each plural block of a message: its selector and its cases. */
function pluralBlocks(message: string): { selector: string; cases: Record<string, string> }[] {
  return [...message.matchAll(/\{\$(\d), plural,((?:[^{}]|\{[^{}]*\})*)\}/g)].map((match) => ({
    selector: match[1]!,
    cases: pluralCases(match[2]!),
  }));
}

/** What is left of a message once its plural blocks are taken out. */
const withoutPlurals = (message: string) =>
  message.replace(/\{\$\d, plural,(?:[^{}]|\{[^{}]*\})*\}/g, '#');

/**
 * The keys the code asks for: those in `t('…')` calls, any other string literal that names a key
 * (`{ on: 'accountOnSaved' }`), and each vocabulary's words where the code derives keys from it.
 */
function usedKeys(): { called: Set<string>; named: Set<string> } {
  const called = new Set<string>();
  const named = new Set<string>(['extName', 'extDescription']); // the manifest's __MSG_…__
  for (const file of UI_SOURCES.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\b(?:t|pageT)\(\s*'([^']+)'/g)) called.add(match[1]!);
    for (const match of text.matchAll(/'([A-Za-z0-9_@]+)'/g)) {
      if (match[1]! in english) named.add(match[1]!);
    }
    for (const [prefix, words] of Object.entries(DERIVED)) {
      if (!text.includes(`keyFor('${prefix}'`)) continue;
      for (const word of words) called.add(keyFor(prefix, word));
    }
  }
  return { called, named };
}

/** Words that stay English in every language: the trade's terms, names, units, identifiers. */
const SHARED_TERMS =
  /\b(Adlens|Meta|Facebook|Instagram|Messenger|Threads|Audience Network|Graph API( Explorer)?|Marketing API|Business Manager|CPM|CTR|CPC|CPA|ROAS|KPIs?|CSV|JSON|API|MB|ID|OAuth|URIs?|Insights?|Snapshots?|Sparkline|Token|ads_read|graph\.facebook\.com)\b/g;

/** Words a language writes exactly as English does (German "Name"), checked by a person. */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  de: ['columnName', 'rememberPassphraseLabel', 'shareLink', 'snapshotRegionAlias'],
  pt_BR: ['changeFieldStatus', 'kpiCtr', 'kpiCpc', 'shareLink'],
  // Meta's Chinese Ads Manager keeps these placements' English names.
  zh_CN: [
    'explainSegmentFacebookReels',
    'explainSegmentFacebookMarketplace',
    'explainSegmentInstagramReels',
  ],
};

describe('the catalogues', () => {
  it('English has every key the code asks for, and no key nobody asks for', () => {
    const { called, named } = usedKeys();
    expect([...called].filter((key) => !(key in english))).toEqual([]);
    expect(Object.keys(english).filter((key) => !called.has(key) && !named.has(key))).toEqual([]);
  });

  it('has keys the browser accepts, none differing from another only in case', () => {
    const keys = Object.keys(english);
    expect(keys.filter((key) => !/^[A-Za-z0-9_@]+$/.test(key))).toEqual([]);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it.each(TRANSLATIONS)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(read(locale)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(TRANSLATIONS)(
    '%s uses the same placeholders and plural selectors as English',
    (locale) => {
      const catalogue = read(locale);
      const mismatched = Object.entries(english).filter(([key, { message }]) => {
        const translated = catalogue[key]?.message ?? '';
        const selectors = (text: string) =>
          [...text.matchAll(/\{\$(\d), plural,/g)].map((m) => m[1]).sort();
        return (
          placeholdersOf(translated).join() !== placeholdersOf(message).join() ||
          selectors(translated).join() !== selectors(message).join()
        );
      });
      expect(mismatched.map(([key]) => key)).toEqual([]);
    },
  );

  it.each(CATALOGUE_LOCALES)(
    '%s puts no placeholder right before a dollar sign, which Chrome reads as a named one',
    (locale) => {
      // "$1$2" is "$1$" then "2" to Chrome, which then refuses to load the extension.
      const broken = Object.entries(read(locale)).filter(([, { message }]) =>
        /\$\d\$/.test(message.replaceAll('$$', '')),
      );
      expect(broken.map(([key]) => key)).toEqual([]);
    },
  );

  it.each(TRANSLATIONS)('%s has an "other" case in every plural', (locale) => {
    const catalogue = read(locale);
    const blocks = Object.values(catalogue).flatMap(({ message }) => [
      ...message.matchAll(/\{\$\d, plural,((?:[^{}]|\{[^{}]*\})*)\}/g),
    ]);
    expect(blocks.filter((block) => !('other' in pluralCases(block[1]!)))).toEqual([]);
  });

  it.each(TRANSLATIONS)('%s leaves no English sentence untranslated', (locale) => {
    const catalogue = read(locale);
    const untranslated = Object.entries(english).filter(([key, { message }]) => {
      const translated = catalogue[key]?.message ?? '';
      // Only what is left once placeholders and the shared terms are taken out must differ.
      const words = message.replace(SHARED_TERMS, '').replace(/\$\d/g, '');
      const allowed = SAME_AS_ENGLISH[locale]?.includes(key) ?? false;
      return /[a-z]{3,}/i.test(words) && translated === message && !allowed;
    });
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });

  it('glues no count to a plural noun in English: a count before a noun is a plural block', () => {
    // A placeholder followed by a plural noun reads "1 days" when the count is one.
    const glued = Object.entries(english).filter(([, { message }]) =>
      /\$\d\s+(?:(?!of\b|to\b|from\b|in\b)[a-z]+\s+){0,2}(?:days|rows|records|calls|clicks|conversions|campaigns|minutes|hours|findings|accounts|ads|entities|weeks)\b/i.test(
        withoutPlurals(message),
      ),
    );
    expect(glued.map(([key]) => key)).toEqual([]);
  });

  it.each(TRANSLATIONS)(
    '%s tells one from many wherever English does and the language has a singular',
    (locale) => {
      const catalogue = read(locale);
      const categories = new Intl.PluralRules(locale.replace('_', '-')).resolvedOptions()
        .pluralCategories;
      const missing = Object.entries(english).flatMap(([key, { message }]) => {
        const translated = pluralBlocks(catalogue[key]?.message ?? '');
        return pluralBlocks(message)
          .filter(({ cases }) => 'one' in cases || '=1' in cases)
          .filter(({ selector }) => {
            const block = translated.find((candidate) => candidate.selector === selector);
            return (
              categories.includes('one') &&
              block !== undefined &&
              !('one' in block.cases) &&
              !('=1' in block.cases)
            );
          })
          .map(({ selector }) => `${key} $${selector}`);
      });
      expect(missing).toEqual([]);
    },
  );

  it.each(CATALOGUE_LOCALES)(
    '%s states the passphrase rule with the numbers the code enforces',
    (locale) => {
      const rule = read(locale).errorWeakPassphrase!.message;
      const numbers = new Intl.NumberFormat(locale.replace('_', '-'));
      expect(rule).toContain(numbers.format(PASSPHRASE_MIN_LENGTH));
      expect(rule).toContain(numbers.format(PASSPHRASE_MIN_DISTINCT));
    },
  );

  it.each(CATALOGUE_LOCALES)('%s formats every message without leftover syntax', (locale) => {
    const catalogue = read(locale);
    const broken = Object.entries(catalogue).filter(([, { message }]) => {
      const shown = formatMessage(message, ['A', 2, 'C', 'D'], locale.replace('_', '-'));
      return /[{}]|\$\d/.test(shown);
    });
    expect(broken.map(([key]) => key)).toEqual([]);
  });
});
