/**
 * Intl formatters, built once per locale and options and kept: building one costs far more than
 * using it, and a table of findings, a chart or a snapshot formats hundreds of numbers. Every
 * module formats through these, so a locale and its options mean the same everywhere.
 */

const formatters = new Map<string, unknown>();

function cached<T>(kind: string, locale: string | undefined, options: object, make: () => T): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function numberFormat(
  locale: string | undefined,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function relativeTimeFormat(
  locale: string | undefined,
  options: Intl.RelativeTimeFormatOptions = {},
): Intl.RelativeTimeFormat {
  return cached('relative', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}

export function collator(
  locale: string | undefined,
  options: Intl.CollatorOptions = {},
): Intl.Collator {
  return cached('collator', locale, options, () => new Intl.Collator(locale, options));
}

export function pluralRules(locale: string | undefined): Intl.PluralRules {
  return cached('plural', locale, {}, () => new Intl.PluralRules(locale));
}

export function listFormat(
  locale: string | undefined,
  options: Intl.ListFormatOptions = {},
): Intl.ListFormat {
  return cached('list', locale, options, () => new Intl.ListFormat(locale, options));
}
