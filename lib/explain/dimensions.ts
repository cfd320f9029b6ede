import type { Dimension } from '@/lib/schema/explain';

export { DIMENSIONS, type Dimension } from '@/lib/schema/explain';

/**
 * The breakdowns Explain reads, as the Graph API names them, and how they are grouped into
 * requests: Meta accepts placement and device together, age with gender, region alone, so one
 * explanation costs three requests, each covering the baseline and the affected period
 * (`time_ranges`).
 */

export const REQUEST_GROUPS: readonly (readonly Dimension[])[] = [
  ['publisher_platform', 'platform_position', 'device_platform'],
  ['age', 'gender'],
  ['region'],
];

/** A platform position only means something with its platform ("story" is on three of them). */
export function segmentValue(
  dimension: Dimension,
  labels: Readonly<Partial<Record<Dimension, string>>>,
): string | undefined {
  const value = labels[dimension];
  if (value === undefined) return undefined;
  return dimension === 'platform_position'
    ? `${labels.publisher_platform ?? 'unknown'}/${value}`
    : value;
}
