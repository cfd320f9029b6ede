/**
 * The part of the simulator's control object this page reads. It is read on every request, so a test
 * can flip the variant or the build between page loads.
 */

export type PageVariant = 'data-surface' | 'no-data-surface';

export interface AdsManagerControl {
  readonly page: { readonly variant: PageVariant; readonly buildId: number };
}

export const DEFAULT_PAGE_CONTROL: AdsManagerControl = {
  page: { variant: 'data-surface', buildId: 1 },
};
