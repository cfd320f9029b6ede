// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Badge, type BadgeProps } from '@/components/Badge';
import { translate } from '@/tests/unit/components/catalogue';

const HOSTILE = 'Spend on <img src=x onerror=alert(1)> tripled';

let container: HTMLElement;
/** The popovers shown now: happy-dom has no Popover API, so the test keeps score. */
const shown = new Set<Element>();

beforeEach(() => {
  Object.assign(HTMLElement.prototype, {
    showPopover(this: HTMLElement) {
      shown.add(this);
    },
    hidePopover(this: HTMLElement) {
      shown.delete(this);
    },
  });
});

afterEach(() => {
  render(null, container);
  container.remove();
  shown.clear();
});

async function show(props: Partial<BadgeProps> = {}) {
  container = document.createElement('div');
  document.body.append(container);
  const onOpen = vi.fn();
  const all = {
    t: translate,
    severity: 'critical',
    count: 2,
    sentence: HOSTILE,
    onOpen,
    ...props,
  } as const;
  await act(() => render(<Badge {...all} />, container));
  const button = container.querySelector<HTMLButtonElement>('[data-testid="adlens-badge"]')!;
  const tooltip = container.querySelector('[data-testid="adlens-badge-tooltip"]')!;
  return { button, tooltip, onOpen };
}

describe('Badge', () => {
  it('is a button that says how many findings and how severe, the sentence as its description', async () => {
    const { button, tooltip } = await show();
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toBe('2');
    expect(button.getAttribute('data-severity')).toBe('critical');
    expect(button.getAttribute('aria-label')).toBe('Adlens: 2 findings, critical. Open insights');
    expect(button.getAttribute('aria-describedby')).toBe(tooltip.id);
    expect(tooltip.getAttribute('role')).toBe('tooltip');
    expect(tooltip.textContent).toBe(HOSTILE);
    expect(tooltip.querySelector('img')).toBeNull();
  });

  it('caps the count it shows at 99+, and says one finding in the singular', async () => {
    expect((await show({ count: 250 })).button.textContent).toBe('99+');
    render(null, container);
    container.remove();
    const { button } = await show({ count: 1, severity: 'info' });
    expect(button.getAttribute('aria-label')).toBe(
      'Adlens: 1 finding, worth a look. Open insights',
    );
  });

  it('shows its tooltip on hover and on keyboard focus, and hides it on leave, blur and Escape', async () => {
    const { button, tooltip } = await show();
    await act(() => {
      button.dispatchEvent(new MouseEvent('mouseenter'));
    });
    expect(shown.has(tooltip)).toBe(true);
    await act(() => {
      button.dispatchEvent(new MouseEvent('mouseleave'));
    });
    expect(shown.has(tooltip)).toBe(false);
    await act(() => button.focus());
    expect(shown.has(tooltip)).toBe(true);
    await act(() => {
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(shown.has(tooltip)).toBe(false);
    await act(() => button.blur());
    await act(() => button.focus());
    expect(shown.has(tooltip)).toBe(true);
    await act(() => button.blur());
    expect(shown.has(tooltip)).toBe(false);
  });

  it('opens the insight panel when clicked', async () => {
    const { button, onOpen } = await show();
    await act(() => button.click());
    expect(onOpen).toHaveBeenCalledOnce();
  });
});
