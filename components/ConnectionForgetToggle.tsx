interface ConnectionForgetToggleProps {
  readonly checked: boolean;
  readonly pending: boolean;
  readonly onChange: (forget: boolean) => void;
}

/** "Forget the token when the browser closes": applied at once, by the background. */
export function ConnectionForgetToggle({
  checked,
  pending,
  onChange,
}: ConnectionForgetToggleProps) {
  return (
    <div class="toggle">
      <label class="check">
        <input
          type="checkbox"
          data-testid="forget-on-close"
          checked={checked}
          disabled={pending}
          onChange={(event) => onChange(event.currentTarget.checked)}
          aria-describedby="forget-on-close-help"
        />
        Forget the token when the browser closes
      </label>
      <p id="forget-on-close-help" class="help">
        {checked
          ? 'The token is kept in memory only; you reconnect after each browser restart. Cached data stays.'
          : 'The token is kept encrypted in this browser’s extension storage, so Adlens stays connected after a restart.'}
      </p>
    </div>
  );
}
