/**
 * The date range control: a preset applies at once, a custom range on "Update". Either way only
 * the URL's `date=` changes (pushState), like the real picker.
 */
import { addDays, formatDayLabel, isIsoDate } from '../dates';
import { DATE_PRESETS, presetLabel, presetRange, type DateRange } from '../url-scheme';
import type { BootAccount } from '../wire';
import { el, onDismiss, setAttr, setText } from './dom';
import type { PageText } from './locale';

export interface DatePicker {
  readonly element: HTMLElement;
  update(range: DateRange, account: BootAccount): void;
}

export function rangeLabel(range: DateRange, text?: PageText): string {
  const day = (date: string) => (text ? text.day(date) : formatDayLabel(date));
  const days =
    range.since === range.until ? day(range.since) : `${day(range.since)} – ${day(range.until)}`;
  const preset =
    range.preset === undefined || !presetLabel(range.preset)
      ? undefined
      : (text?.label(range.preset) ?? presetLabel(range.preset));
  return preset ? `${preset}${text?.locale === 'zh' ? '：' : ': '}${days}` : days;
}

/**
 * `text` is set on the evidence pages: the label in the page's language, and the control inside
 * the `/am/table/stats_range` surface the evidence shows.
 */
export function datePicker(onPick: (range: DateRange) => void, text?: PageText): DatePicker {
  const label = el('span');
  const button = el(
    'button',
    'button',
    {
      type: 'button',
      'aria-label': text?.label('dateRange') ?? 'Date range',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
    },
    [label, ' ▾'],
  );
  const element = el('div', 'menuAnchor', {}, [button]);
  if (text) element.setAttribute('data-surface', '/am/table/stats_range');
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
      setText(label, rangeLabel(next, text));
    },
  };
}
