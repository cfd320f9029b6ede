import { describe, expect, it } from 'vitest';
import { detectAnomalies, type AccountInput, type Finding, type FindingKind } from '@/lib/anomaly';
import { formatterFor, message } from '@/lib/anomaly/format';
import { FindingMessageSchema, type FindingMessage } from '@/lib/schema/finding-message';
import { META_CURRENCY_OFFSETS } from '@/lib/util/currency';
import { findingText } from '@/lib/util/finding-text';
import { CATALOGUE_LOCALES } from '@/lib/util/locales';
import { englishFinding } from '../components/catalogue';
import { readerFor } from '../i18n/reader';
import {
  AS_OF,
  TYPICAL,
  accountOf,
  campaignOf,
  recent,
  rowsFor,
  weekdayOf,
  withControl,
} from './fixtures';

/** Each language's catalogue, read as the overlay reads the page's (`i18n.catalogue`). */
const LANGUAGES = CATALOGUE_LOCALES.map(readerFor);

const say = (finding: FindingMessage, locale: string): string => {
  const language = LANGUAGES.find((entry) => entry.locale === locale)!;
  return findingText(finding, language.t, language.locale);
};

/** The amount a sentence shows, as a number: "NT$4,250" → 4250, "BHD 42.50" → 42.5. */
function amountIn(text: string): number {
  const number = /\d[\d,]*(?:\.\d+)?/.exec(text)?.[0] ?? 'NaN';
  return Number(number.replace(/,/g, ''));
}

/** An amount as a sentence in `locale` shows it. */
const moneyIn = (currency: string, minor: number, locale = 'en') =>
  findingText(
    message('findingSpendSpikeBudgetNext', formatterFor(currency).money(minor)),
    (_key, amount) => String(amount),
    locale,
  );

describe('money in finding sentences', () => {
  it.each(Object.entries(META_CURRENCY_OFFSETS))(
    '%s amounts read in the units Meta stores them in (offset %i)',
    (currency, offset) => {
      // 4,250 minor units: 42.50 where Meta counts hundredths, 4,250 where it counts whole units.
      expect(amountIn(moneyIn(currency, 4_250))).toBe(4_250 / offset);
      expect(amountIn(moneyIn(currency, -4_250))).toBe(4_250 / offset);
      // Large amounts are said in whole units.
      expect(amountIn(moneyIn(currency, 12_345_678))).toBe(Math.round(12_345_678 / offset));
    },
  );

  it('says what Meta shows for currencies where its offset is not ISO 4217 digits', () => {
    // TWD has cents in ISO 4217 but none at Meta; KWD, BHD and JOD have thousandths in ISO but
    // hundredths at Meta (lib/util/currency has no currency Meta counts in thousandths).
    expect(moneyIn('TWD', 4_250)).toBe('NT$4,250');
    expect(moneyIn('KWD', 4_250)).toBe('KWD\u00a042.50');
    expect(moneyIn('BHD', 999)).toBe('BHD\u00a09.99');
    expect(moneyIn('JOD', 12_345)).toBe('JOD\u00a0123');
    expect(moneyIn('JPY', 980)).toBe('¥980');
    expect(moneyIn('USD', 1_240)).toBe('$12.40');
    expect(moneyIn('USD', 124_018)).toBe('$1,240');
  });

  it('writes money as each language does, in the account currency', () => {
    expect(moneyIn('EUR', 1_240, 'de')).toBe('12,40\u00a0€');
    expect(moneyIn('EUR', 124_018, 'de')).toBe('1.240\u00a0€');
    expect(moneyIn('JPY', 98_000, 'de')).toBe('98.000\u00a0¥');
    expect(moneyIn('KWD', 4_250, 'es')).toBe('42,50\u00a0KWD');
    expect(moneyIn('USD', 1_240, 'pt-BR')).toBe('US$\u00a012,40');
    expect(moneyIn('EUR', 1_240, 'zh-CN')).toBe('€12.40');
    expect(moneyIn('JPY', 980, 'zh-CN')).toBe('JP¥980');
  });

  it("writes a TWD account's spend spike in New Taiwan dollars, not hundredths of them", () => {
    // Ad sets in the fixtures own a 55,000 minor-unit daily budget: NT$55,000 at Meta's offset.
    const rows = rowsFor('spike', (day) => (day === recent(1) ? { spend: 3.5 * 50_000 } : {}));
    const input = { ...withControl(campaignOf('c1', [{ id: 's1', rows }])), currency: 'TWD' };
    const [finding] = detectAnomalies(input, { asOf: AS_OF });
    expect(finding?.kind).toBe('spend_spike');
    expect(englishFinding(finding?.summary)).toMatch(
      /its NT\$55,000 daily budget; Meta allows up to 1\.75x \(NT\$96,250\)/,
    );
  });
});

/** Cheaper weekends, dearer midweek, as in cpm-surge.test. */
const rhythm = (day: number) =>
  TYPICAL.cpm * (weekdayOf(day) === 0 || weekdayOf(day) === 6 ? 0.88 : 1);

/** One account per finding kind, as the detectors' own tests plant them. */
const SCENARIOS: Readonly<Record<FindingKind, () => AccountInput>> = {
  tracking_break: () =>
    accountOf(
      campaignOf('c1', [
        { id: 's1', rows: rowsFor('busy', (day) => (day >= recent(0) ? { cvr: 0 } : {})) },
      ]),
      campaignOf('c2', [{ id: 's2', rows: rowsFor('healthy', () => ({})) }]),
    ),
  delivery_stop: () =>
    withControl(
      campaignOf('c1', [
        { id: 's1', rows: rowsFor('s1', (day) => (day >= recent(0) ? undefined : {})) },
        { id: 's2', rows: rowsFor('s2', () => ({})) },
      ]),
    ),
  spend_spike: () =>
    withControl(
      campaignOf('c1', [
        {
          id: 's1',
          rows: rowsFor('spike', (day) => (day === recent(1) ? { spend: 175_000 } : {})),
        },
      ]),
    ),
  overspend: () =>
    withControl(
      campaignOf('c1', [
        {
          id: 's1',
          rows: rowsFor('week', (day) =>
            day >= recent(8) && day <= recent(2) ? { spend: 1.45 * 55_000 } : {},
          ),
        },
      ]),
    ),
  under_delivery: () =>
    withControl(
      campaignOf('c1', [
        { id: 's1', rows: rowsFor('low', (day) => (day >= recent(4) ? { spend: 20_000 } : {})) },
      ]),
    ),
  cpm_surge: () =>
    withControl(
      campaignOf('c1', [
        {
          id: 's1',
          rows: rowsFor('surge', (day) => ({ cpm: rhythm(day) * (day >= recent(2) ? 2 : 1) })),
        },
      ]),
    ),
  creative_fatigue: () =>
    withControl(
      campaignOf('c1', [
        {
          id: 's1',
          rows: rowsFor('tired', (day) => {
            const age = day - recent(7) + 1;
            if (age <= 0) return {};
            return {
              ctr: TYPICAL.ctr * (1 - 0.06 * age),
              frequency: TYPICAL.frequency * (1 + 0.1 * age),
            };
          }),
        },
        { id: 's2', rows: rowsFor('fresh', () => ({})) },
      ]),
    ),
  cpa_shift: () =>
    withControl(
      campaignOf('c1', [
        {
          id: 's1',
          rows: rowsFor('cvr', (day) => ({
            spend: 100_000,
            cvr: TYPICAL.cvr * (day >= recent(5) ? 0.45 : 1),
          })),
        },
      ]),
    ),
  roas_shift: () =>
    withControl(
      campaignOf('c1', [
        {
          id: 's1',
          rows: rowsFor('aov', (day) => (day >= recent(4) ? { aov: TYPICAL.aov * 0.5 } : {})),
        },
      ]),
    ),
};

const CURRENCIES = ['EUR', 'JPY', 'USD', 'KWD'] as const;

function findingOf(kind: FindingKind, currency: string): Finding {
  const findings = detectAnomalies({ ...SCENARIOS[kind](), currency }, { asOf: AS_OF }).flatMap(
    function all(finding): Finding[] {
      return [finding, ...finding.related.flatMap(all)];
    },
  );
  const found = findings.find((finding) => finding.kind === kind);
  if (!found) throw new Error(`no ${kind} in its scenario (${currency})`);
  return found;
}

/** Every value a message shows, clauses included. */
function valuesOf(finding: FindingMessage): FindingMessage['args'] {
  return finding.args.flatMap((arg) =>
    arg.type === 'clause' ? (arg.message ? valuesOf(arg.message) : []) : [arg],
  );
}

/** How a language writes a value, by Intl alone: what the reader expects, not the product's code. */
function expectedText(value: FindingMessage['args'][number], locale: string): string | null {
  switch (value.type) {
    case 'money': {
      const major = value.value / (META_CURRENCY_OFFSETS[value.currency] === 1 ? 1 : 100);
      const digits = Math.abs(major) >= 100 || META_CURRENCY_OFFSETS[value.currency] === 1 ? 0 : 2;
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: value.currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(major);
    }
    case 'date':
      return new Intl.DateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${value.value}T00:00:00Z`));
    case 'count':
    case 'plural':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value.value);
    case 'decimal':
      return new Intl.NumberFormat(locale, {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value.value);
    default:
      return null; // percentages: checked by their own test below
  }
}

describe('every finding kind in every language', () => {
  describe.each(Object.keys(SCENARIOS) as FindingKind[])('%s', (kind) => {
    it.each(CURRENCIES)('in %s', (currency) => {
      const finding = findingOf(kind, currency);
      for (const part of [finding.summary, finding.nextStep]) {
        // What the cache keeps is the language-neutral form, valid by its schema.
        expect(FindingMessageSchema.parse(part)).toEqual(part);
        const english = say(part, 'en');
        for (const { locale = 'en' } of LANGUAGES) {
          const text = say(part, locale);
          expect(text, `${kind} ${locale}`).not.toMatch(/MISSING|[{}#]/);
          if (locale !== 'en') expect(text, `${kind} ${locale}`).not.toBe(english);
          for (const value of valuesOf(part)) {
            const expected = expectedText(value, locale);
            if (expected !== null)
              expect(text, `${kind} ${locale} ${value.type}`).toContain(expected);
          }
        }
      }
    });
  });

  it('tells a German buyer a EUR spend spike in German, with German numbers and dates', () => {
    const finding = findingOf('spend_spike', 'EUR');
    expect(say(finding.summary, 'en')).toMatch(
      /^Spent €1,\d{3} on Mar 30, 3\.\dx its €550 daily budget; Meta allows up to 1\.75x \(€963\) on a single day\.$/,
    );
    expect(say(finding.summary, 'de')).toMatch(
      /^Am 30\. März wurden 1\.\d{3}\u00a0€ ausgegeben, das 3,\d-Fache des Tagesbudgets von 550\u00a0€; Meta erlaubt an einem einzelnen Tag bis zum 1,75-Fachen \(963\u00a0€\)\.$/,
    );
    expect(say(finding.summary, 'zh-CN')).toMatch(
      /^3月30日 花费 €1,\d{3}，是其每日预算 €550 的 3\.\d 倍/,
    );
  });

  it('writes shares and changes as each language writes percent', () => {
    const finding = findingOf('under_delivery', 'JPY');
    // English keeps its house style with a space; German puts a narrow space, Chinese none.
    expect(say(finding.summary, 'en')).toMatch(/^Spent 3\d % of its ¥55,000 daily budget/);
    expect(say(finding.summary, 'de')).toMatch(/ 3\d\u00a0% des Tagesbudgets von 55\.000\u00a0¥/);
    expect(say(finding.summary, 'zh-CN')).toMatch(/每日预算 JP¥55,000 的 3\d%/);
    expect(say(finding.summary, 'es')).toMatch(
      /el 3\d\u00a0% de su presupuesto diario de 55\.000\u00a0JPY/,
    );
  });

  it('chooses plural forms by the language: one day, several days', () => {
    const oneDay = findingOf('tracking_break', 'USD');
    expect(say(oneDay.summary, 'en')).toMatch(/^No conversions for 1 day \(/);
    expect(say(oneDay.summary, 'de')).toMatch(/^1 Tag lang keine Conversions \(/);
    expect(say(oneDay.summary, 'pt-BR')).toMatch(/^Nenhuma conversão em 1 dia \(/);
    const days = findingOf('under_delivery', 'USD');
    expect(say(days.summary, 'en')).toMatch(/over the last 5 days,/);
    expect(say(days.summary, 'es')).toMatch(/en los últimos 5 días,/);
  });
});
