/**
 * The part of the simulator's control object this page reads. It is read on every request, so a test
 * can flip the variant or the build between page loads.
 */

/**
 * `data-surface`: rows carry their ids; `no-data-surface`: only roles, ARIA row indexes and names;
 * `unmarked-rows`: not even ARIA row indexes, so no row selector of the overlay matches (a redesign
 * it does not know yet).
 */
export type PageVariant = 'data-surface' | 'no-data-surface' | 'unmarked-rows';

export interface AdsManagerControl {
  readonly page: { readonly variant: PageVariant; readonly buildId: number };
}

export const DEFAULT_PAGE_CONTROL: AdsManagerControl = {
  page: { variant: 'data-surface', buildId: 1 },
};
