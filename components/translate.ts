export type { Translate } from '@/lib/util/i18n';
