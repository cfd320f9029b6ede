import { numberFormat, pluralRules } from './intl';

/**
 * One message format for every surface: the `_locales/<lang>/messages.json` text the browser's
 * i18n reads (`$1`…`$9` take the substitutions, `$$` is `$`), plus ICU-style plurals whose selector
 * is a substitution: `{$1, plural, one {# day} other {# days}}` (`=N` cases too; `#` is the count
 * in the locale's digits). The template is read once, left to right, so text substituted in (an
 * advertiser's campaign name) is never read as a placeholder or a plural.
 *
 * A library (intl-messageformat, ~10 KB gzipped) would not fit the content script's size budget;
 * this covers the syntax the catalogues use, and tests/unit/util/catalogues.test.ts keeps them to it.
 */
export type Substitution = string | number;

/** A plural block (one level of braces inside), or a `$n` / `$$` placeholder. */
const TOKEN = /\{\$(\d), plural,((?:[^{}]|\{[^{}]*\})*)\}|\$(\d|\$)/g;

export function formatMessage(
  template: string,
  substitutions: readonly Substitution[],
  locale: string | undefined,
): string {
  return template.replace(TOKEN, (_, selector?: string, cases?: string, index?: string) => {
    if (index) return index === '$' ? '$' : String(substitutions[Number(index) - 1] ?? '');
    const selected = substitutions[Number(selector) - 1];
    const count =
      typeof selected === 'number' || /^-?\d+(\.\d+)?$/.test(selected ?? '')
        ? Number(selected)
        : Number.NaN;
    const byCase = pluralCases(cases!);
    // A count already written out (a finding stored before its sentence took a plural) reads in
    // the general form with its own digits, never as "NaN".
    const chosen = Number.isFinite(count)
      ? (byCase[`=${count}`] ?? byCase[pluralRules(locale).select(count)] ?? byCase.other)
      : byCase.other;
    const shown = Number.isFinite(count)
      ? numberFormat(locale).format(count)
      : String(selected ?? '');
    // `#` is the count; split first, so a `#` in substituted text stays as it is.
    return (chosen ?? '')
      .split('#')
      .map((part) => formatMessage(part, substitutions, locale))
      .join(shown);
  });
}

/** The cases of a plural block's body: `{ one: "# day", other: "# days", "=0": "none" }`. */
export function pluralCases(body: string): Record<string, string> {
  const cases = [...body.matchAll(/(\S+)\s*\{([^{}]*)\}/g)];
  return Object.fromEntries(cases.map((match): [string, string] => [match[1]!, match[2]!]));
}

/** The `$n` placeholders a message uses, sorted: the same in every language. */
export function placeholdersOf(template: string): number[] {
  const found = new Set<number>();
  for (const match of template.replaceAll('$$', '').matchAll(/\$(\d)/g))
    found.add(Number(match[1]));
  return [...found].sort((a, b) => a - b);
}
