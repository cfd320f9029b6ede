/** A small, persistent notice that part of the overlay is not working on this page. */
export interface StatusChipProps {
  readonly message: string;
}

export function StatusChip({ message }: StatusChipProps) {
  return (
    <p class="chip" role="status" data-testid="adlens-status-chip">
      {message}
    </p>
  );
}
