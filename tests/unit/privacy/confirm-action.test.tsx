// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiCallLog } from '@/components/ApiCallLog';
import { ConfirmAction } from '@/components/ConfirmAction';
import { byTestId, container, mount, unmount } from '@/tests/support/dom';

async function show(onConfirm: () => void) {
  await mount(
    <ConfirmAction
      label="Clear all cached data"
      confirmLabel="Yes, delete"
      cancelLabel="Cancel"
      pending={false}
      testId="clear-all"
      onConfirm={onConfirm}
    >
      <p>This deletes 1,204 daily insight rows.</p>
    </ConfirmAction>,
  );
}

afterEach(unmount);

describe('ConfirmAction, the in-page confirmation', () => {
  it('says what will go and moves focus to the question before anything happens', async () => {
    const onConfirm = vi.fn();
    await show(onConfirm);
    await act(() => byTestId('clear-all')!.click());
    const group = byTestId('clear-all-confirmation')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toBe('Clear all cached data');
    expect(group.textContent).toContain('This deletes 1,204 daily insight rows.');
    expect(document.activeElement).toBe(group);
    expect(onConfirm).not.toHaveBeenCalled();
    await act(() => byTestId('clear-all-confirm')!.click());
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('Escape closes it without acting and gives focus back to its button', async () => {
    const onConfirm = vi.fn();
    await show(onConfirm);
    await act(() => byTestId('clear-all')!.click());
    await act(() => {
      byTestId('clear-all-confirmation')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });
    expect(byTestId('clear-all-confirmation')).toBeNull();
    expect(document.activeElement).toBe(byTestId('clear-all'));
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe('ApiCallLog', () => {
  it('shows method, path and result of each call as text', async () => {
    await mount(
      <ApiCallLog
        caption="The newest 1 of 1 calls"
        headings={{ time: 'When', call: 'Call', result: 'Result' }}
        calls={[
          {
            method: 'GET',
            path: '/v26.0/act_1/insights<b>',
            status: 400,
            errorCode: 100,
            time: 0,
            durationMs: 12.4,
          },
        ]}
      />,
    );
    const row = container.querySelector('[data-testid="api-call"]')!;
    expect(row.textContent).toContain('GET /v26.0/act_1/insights<b>');
    expect(row.textContent).toContain('400 (#100) · 12 ms');
    expect(row.querySelector('b')).toBeNull();
  });
});
