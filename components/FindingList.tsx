/** A finding as display text; sentences come from someone's snapshot and are rendered as text. */
export interface FindingItem {
  readonly severity: 'info' | 'warning' | 'critical';
  readonly subject: string;
  readonly sentence: string;
  readonly nextStep: string;
}

interface FindingListProps {
  readonly findings: readonly FindingItem[];
  readonly itemTestId: string;
}

const SEVERITY_LABELS: Readonly<Record<FindingItem['severity'], string>> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

export function FindingList({ findings, itemTestId }: FindingListProps) {
  if (findings.length === 0) return <p class="muted">No findings.</p>;
  return (
    <ul class="findings">
      {findings.map((finding, index) => (
        <li key={index} data-testid={itemTestId} data-severity={finding.severity}>
          <p>
            <strong class={`severity severity-${finding.severity}`}>
              {SEVERITY_LABELS[finding.severity]}
            </strong>{' '}
            <span class="finding-subject">{finding.subject}</span>
          </p>
          <p>{finding.sentence}</p>
          {finding.nextStep && <p class="next-step">Next step: {finding.nextStep}</p>}
        </li>
      ))}
    </ul>
  );
}
