import type { FindingSeverity } from '@/lib/schema/row-findings';

/** A row's findings at a glance: severity colour, count, and the top finding's sentence. */
export interface BadgeProps {
  readonly severity: FindingSeverity;
  readonly count: number;
  /** The top finding's sentence: the tooltip and the end of the accessible label. */
  readonly sentence: string;
}

const SEVERITY_WORD: Readonly<Record<FindingSeverity, string>> = {
  info: 'worth a look',
  warning: 'warning',
  critical: 'critical',
};

export function badgeLabel({ severity, count, sentence }: BadgeProps): string {
  const findings = count === 1 ? '1 finding' : `${count} findings`;
  return `Adlens: ${findings}, ${SEVERITY_WORD[severity]}. ${sentence}`;
}

export function Badge(props: BadgeProps) {
  return (
    <span
      class={`badge ${props.severity}`}
      role="img"
      aria-label={badgeLabel(props)}
      title={props.sentence}
      data-testid="adlens-badge"
      data-severity={props.severity}
    >
      {props.count > 99 ? '99+' : props.count}
    </span>
  );
}
