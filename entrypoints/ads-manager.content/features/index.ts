import type { Feature } from '@/lib/meta/feature-runner';
import { accountPanel } from './account-panel';

/** The registry: every feature, in start order. Removing a feature is deleting its file and line. */
export const features: readonly Feature[] = [accountPanel];
