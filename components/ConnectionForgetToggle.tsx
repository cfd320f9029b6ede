import type { Translate } from '@/components/translate';
interface ConnectionForgetToggleProps {
  readonly checked: boolean;
  readonly pending: boolean;
  readonly onChange: (forget: boolean) => void;
  readonly t: Translate;
}

/** "Forget the token when the browser closes": applied at once, by the background. */
export function ConnectionForgetToggle({
  checked,
  pending,
  onChange,
  t,
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
        {t('forgetOnClose')}
      </label>
      <p id="forget-on-close-help" class="help">
        {checked ? t('forgetOnCloseOn') : t('forgetOnCloseOff')}
      </p>
    </div>
  );
}
