/**
 * The languages Adlens speaks, by their `_locales` folder (English first, the default). Adding one
 * is a folder with a complete messages.json and a line here (README, "In your language").
 */
export const CATALOGUE_LOCALES = ['en', 'de', 'es', 'pt_BR', 'zh_CN'] as const;
export type CatalogueLocale = (typeof CATALOGUE_LOCALES)[number];

/**
 * The catalogue for a BCP 47 language tag as a page declares it (`<html lang="pt-BR">`), or null
 * when Adlens has none: Traditional Chinese is not Simplified, and European Portuguese reads
 * Brazilian better than English only when nothing closer exists, so `pt` gets pt_BR.
 */
export function catalogueFor(language: string): CatalogueLocale | null {
  const [base = '', ...rest] = language.toLowerCase().replaceAll('_', '-').split('-');
  const subtags = new Set(rest);
  switch (base) {
    case 'en':
    case 'de':
    case 'es':
      return base;
    case 'pt':
      return 'pt_BR';
    case 'zh':
      return subtags.has('hant') || subtags.has('tw') || subtags.has('hk') || subtags.has('mo')
        ? null
        : 'zh_CN';
    default:
      return null;
  }
}
