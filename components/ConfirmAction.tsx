import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface ConfirmActionProps {
  /** The button that asks; also the confirmation's name for screen readers. */
  readonly label: string;
  /** What will happen, shown before anything does. */
  readonly children: ComponentChildren;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly pending: boolean;
  readonly disabled?: boolean;
  readonly testId: string;
  readonly onConfirm: () => void;
}

/**
 * A destructive action in two steps, inside the page (not `window.confirm`, which screen readers
 * and tests handle poorly): the button opens a labelled group that says what will go, focus moves
 * to it, and only its confirm button acts. Escape or Cancel closes it and returns focus.
 */
export function ConfirmAction({
  label,
  children,
  confirmLabel,
  cancelLabel,
  pending,
  disabled = false,
  testId,
  onConfirm,
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // Focus follows the question, and goes back to the button once it is rendered again.
  useEffect(() => {
    if (asking) group.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  function close() {
    setAsking(false);
  }

  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        class="secondary"
        data-testid={testId}
        disabled={pending || disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      ref={group}
      class="confirm"
      role="group"
      aria-label={label}
      tabIndex={-1}
      data-testid={`${testId}-confirmation`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <div class="confirm-text">{children}</div>
      <button
        type="button"
        class="danger"
        data-testid={`${testId}-confirm`}
        disabled={pending}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" class="secondary" disabled={pending} onClick={close}>
        {cancelLabel}
      </button>
    </div>
  );
}
