/**
 * The date range control: a preset applies at once, a custom range on "Update". Either way only
 * the URL's `date=` changes (pushState), like the real picker.
 */
import { addDays, formatDayLabel, isIsoDate } from '../dates';
import { DATE_PRESETS, presetLabel, presetRange, type DateRange } from '../url-scheme';
import type { BootAccount } from '../wire';
import { el, onDismiss, setAttr, setText } from './dom';

export interface DatePicker {
  readonly element: HTMLElement;
  update(range: DateRange, account: BootAccount): void;
}

export function rangeLabel(range: DateRange): string {
  const days =
    range.since === range.until
      ? formatDayLabel(range.since)
      : `${formatDayLabel(range.since)} – ${formatDayLabel(range.until)}`;
  const preset = presetLabel(range.preset);
  return preset ? `${preset}: ${days}` : days;
}

export function datePicker(onPick: (range: DateRange) => void): DatePicker {
  const label = el('span');
  const button = el(
    'button',
    'button',
    {
      type: 'button',
      'aria-label': 'Date range',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
    },
    [label, ' ▾'],
  );
  const element = el('div', 'menuAnchor', {}, [button]);
  let range: DateRange | undefined;
  let account: BootAccount | undefined;
  let stop: (() => void) | undefined;

  const close = (): void => {
    stop?.();
    stop = undefined;
    element.querySelector('[role="dialog"]')?.remove();
    setAttr(button, 'aria-expanded', 'false');
  };
  const pick = (next: DateRange): void => {
    close();
    onPick(next);
  };
  const presetList = (acct: BootAccount): HTMLElement =>
    el(
      'div',
      'column',
      { role: 'listbox', 'aria-label': 'Date presets' },
      DATE_PRESETS.map(({ preset, label: text }) => {
        const selected = range?.preset === preset;
        const node = el('div', selected ? 'optionSelected' : 'option', {
          role: 'option',
          'aria-selected': String(selected),
          'data-preset': preset,
        });
        node.append(text);
        node.addEventListener('click', () => pick(presetRange(preset, acct.today, acct.earliest)));
        return node;
      }),
    );
  const customForm = (acct: BootAccount): HTMLElement => {
    const since = el('input', 'input', { type: 'date', 'aria-label': 'Start date' });
    const until = el('input', 'input', { type: 'date', 'aria-label': 'End date' });
    since.value = range?.since ?? addDays(acct.today, -7);
    until.value = range?.until ?? acct.today;
    const update = el('button', 'primaryButton', { type: 'button' }, ['Update']);
    const cancel = el('button', 'button', { type: 'button' }, ['Cancel']);
    update.addEventListener('click', () => {
      if (isIsoDate(since.value) && isIsoDate(until.value) && since.value <= until.value) {
        pick({ since: since.value, until: until.value });
      }
    });
    cancel.addEventListener('click', close);
    return el('div', 'column', {}, [
      el('span', 'strong', {}, ['Custom']),
      since,
      until,
      el('div', 'toolbar', {}, [cancel, update]),
    ]);
  };
  const open = (): void => {
    if (!account) return;
    const dialog = el('div', 'dialog', { role: 'dialog', 'aria-label': 'Date range' }, [
      presetList(account),
      customForm(account),
    ]);
    element.append(dialog);
    setAttr(button, 'aria-expanded', 'true');
    stop = onDismiss(element, close);
  };
  button.addEventListener('click', () => (stop ? close() : open()));

  return {
    element,
    update(next, acct) {
      range = next;
      account = acct;
      setText(label, rangeLabel(next));
    },
  };
}
