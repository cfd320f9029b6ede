import type { Feature } from '@/lib/ads-manager/feature-runner';
import { insightPanel } from './insight-panel';
import { rowBadges } from './row-badges';

/** The registry: every feature, in start order. Removing a feature is deleting its file and line. */
export const features: readonly Feature[] = [insightPanel, rowBadges];
