import { useRef } from 'preact/hooks';
import type { FindingSeverity } from '@/lib/schema/row-findings';
import { Sparkline } from './Sparkline';
import { keyFor } from '@/lib/util/i18n';
import type { Translate } from './translate';

/** A row's findings at a glance: severity colour, count, and the top finding's sentence. */
export interface BadgeProps {
  readonly t: Translate;
  readonly severity: FindingSeverity;
  readonly count: number;
  /** The top finding's sentence: the tooltip and the badge's accessible description. */
  readonly sentence: string;
  /** Opens the insight panel on the row's entity (click, Enter or Space). */
  readonly onOpen: () => void;
  /** A small daily line beside the badge (a setting); its label says what it shows. */
  readonly trend?: { readonly values: readonly (number | null)[]; readonly label: string };
}

/** Room between the badge and its tooltip, in CSS pixels. */
const TOOLTIP_GAP = 6;
const TOOLTIP_ID = 'adlens-badge-tooltip';
const TREND_SIZE = { width: 44, height: 18 };

export function badgeLabel({ t, severity, count }: Pick<BadgeProps, 't' | 'severity' | 'count'>) {
  return t(keyFor('badgeLabel', severity), count);
}

/**
 * A focusable button; its tooltip (hover and keyboard focus, Escape hides it) sits in the top
 * layer as a manual popover, so the table's scroll container and neighbouring rows never clip or
 * cover it. Its place is read from the badge only when it opens.
 */
export function Badge(props: BadgeProps) {
  const tooltip = useRef<HTMLSpanElement>(null);
  const open = useRef(false);

  /** Below the badge, or above it when the viewport ends first; centred, kept on screen. */
  function place(badge: Element, tip: HTMLElement) {
    const box = badge.getBoundingClientRect();
    const { width, height } = tip.getBoundingClientRect();
    const below = box.bottom + TOOLTIP_GAP;
    const top = below + height <= innerHeight ? below : box.top - TOOLTIP_GAP - height;
    const centred = box.left + box.width / 2 - width / 2;
    tip.style.left = `${Math.max(0, Math.min(centred, innerWidth - width))}px`;
    tip.style.top = `${Math.max(0, top)}px`;
  }

  function showTooltip(event: Event) {
    const tip = tooltip.current;
    const badge = event.currentTarget as Element;
    if (!tip || open.current) return;
    tip.showPopover();
    open.current = true;
    place(badge, tip);
    // Focus may scroll the badge into view after this handler: place it again once it has.
    requestAnimationFrame(() => {
      if (open.current) place(badge, tip);
    });
  }

  function hideTooltip() {
    if (!open.current) return;
    open.current = false;
    tooltip.current?.hidePopover();
  }

  return (
    <>
      {props.trend && (
        <Sparkline values={props.trend.values} label={props.trend.label} {...TREND_SIZE} />
      )}
      <button
        type="button"
        class={`badge ${props.severity}`}
        aria-label={badgeLabel(props)}
        aria-describedby={TOOLTIP_ID}
        data-testid="adlens-badge"
        data-severity={props.severity}
        onClick={props.onOpen}
        onMouseEnter={showTooltip}
        onMouseLeave={hideTooltip}
        onFocus={showTooltip}
        onBlur={hideTooltip}
        onKeyDown={(event) => {
          if (event.key === 'Escape') hideTooltip();
        }}
      >
        {props.count > 99 ? '99+' : props.count}
      </button>
      <span
        ref={tooltip}
        id={TOOLTIP_ID}
        class="tooltip"
        role="tooltip"
        popover="manual"
        data-testid="adlens-badge-tooltip"
      >
        {props.sentence}
      </span>
    </>
  );
}
