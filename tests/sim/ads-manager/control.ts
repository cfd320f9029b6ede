/**
 * The part of the simulator's control object this page reads. It is read on every request, so a test
 * can flip the variant, the build or the language between page loads.
 */

/**
 * The page built to the evidence (/work/shared/docs/ads-manager-dom.md; the DOM contract is the top
 * comment of client/fixed-data-table.ts):
 * - `evidence`: FixedDataTable rows in `data-surface` wrappers carrying the row ids, a row node kept
 *   with its entity while scrolling (React keyed by id);
 * - `evidence-no-ids`: the same page with no ids anywhere (no row or cell surfaces), as one author
 *   reported for his sessions in 2026;
 * - `evidence-recycled`: row nodes keyed by buffer slot, refilled with other entities on scroll.
 * The simulator's earlier guess, kept so nothing that worked on it regresses:
 * - `data-surface`: rows carry their ids; `no-data-surface`: only roles, ARIA row indexes and names;
 *   `unmarked-rows`: not even ARIA row indexes, so no row selector of the overlay matches (a redesign
 *   it does not know yet).
 */
export type PageVariant =
  | 'evidence'
  | 'evidence-no-ids'
  | 'evidence-recycled'
  | 'data-surface'
  | 'no-data-surface'
  | 'unmarked-rows';

export const EVIDENCE_VARIANTS = ['evidence', 'evidence-no-ids', 'evidence-recycled'] as const;

export function isEvidenceVariant(variant: PageVariant): boolean {
  return (EVIDENCE_VARIANTS as readonly string[]).includes(variant);
}

/** The page's interface language (the evidence pages only; the earlier guess is English). */
export type PageLocale = 'en' | 'de' | 'zh';

export interface AdsManagerControl {
  readonly page: {
    readonly variant: PageVariant;
    readonly buildId: number;
    readonly locale?: PageLocale;
  };
}

export const DEFAULT_PAGE_CONTROL: AdsManagerControl = {
  page: { variant: 'evidence', buildId: 1 },
};
