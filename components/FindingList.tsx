import { keyFor } from '@/lib/util/i18n';
import type { Translate } from './translate';

/** A finding as display text; sentences come from someone's snapshot and are rendered as text. */
export interface FindingItem {
  readonly severity: 'info' | 'warning' | 'critical';
  readonly subject: string;
  readonly sentence: string;
  readonly nextStep: string;
}

interface FindingListProps {
  readonly t: Translate;
  readonly findings: readonly FindingItem[];
  readonly itemTestId: string;
}

export function FindingList({ findings, itemTestId, t }: FindingListProps) {
  if (findings.length === 0) return <p class="muted">{t('findingsNone')}</p>;
  return (
    <ul class="findings">
      {findings.map((finding, index) => (
        <li key={index} data-testid={itemTestId} data-severity={finding.severity}>
          <p>
            <strong class={`severity severity-${finding.severity}`}>
              {t(keyFor('severity', finding.severity))}
            </strong>{' '}
            <span class="finding-subject">{finding.subject}</span>
          </p>
          <p>{finding.sentence}</p>
          {finding.nextStep && <p class="next-step">{t('findingNextStep', finding.nextStep)}</p>}
        </li>
      ))}
    </ul>
  );
}
