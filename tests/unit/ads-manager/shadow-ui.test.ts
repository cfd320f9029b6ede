// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountShadowUi } from '@/lib/ads-manager/shadow-ui';

afterEach(() => {
  document.body.replaceChildren();
});

describe('mountShadowUi', () => {
  it('mounts an open shadow root with the CSS, and removes it on abort', () => {
    const controller = new AbortController();
    const root = mountShadowUi({
      tagName: 'adlens-test',
      css: '.x{color:red}',
      signal: controller.signal,
    });
    const host = document.querySelector('adlens-test');
    expect(host?.shadowRoot?.contains(root!)).toBe(true);
    expect(host?.shadowRoot?.querySelector('style')?.textContent).toContain('.x{color:red}');
    controller.abort();
    expect(document.querySelector('adlens-test')).toBeNull();
  });

  it('keeps a single copy', () => {
    const first = new AbortController();
    mountShadowUi({ tagName: 'adlens-test', css: '', signal: first.signal });
    mountShadowUi({ tagName: 'adlens-test', css: '', signal: new AbortController().signal });
    expect(document.querySelectorAll('adlens-test')).toHaveLength(1);
  });

  it('mounts nothing for an aborted signal', () => {
    expect(
      mountShadowUi({ tagName: 'adlens-test', css: '', signal: AbortSignal.abort() }),
    ).toBeUndefined();
    expect(document.querySelector('adlens-test')).toBeNull();
  });

  it('keeps typing inside from reaching the page', () => {
    const root = mountShadowUi({
      tagName: 'adlens-test',
      css: '',
      signal: new AbortController().signal,
    })!;
    const input = document.createElement('input');
    root.append(input);
    const pageShortcut = vi.fn();
    document.addEventListener('keydown', pageShortcut);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true, composed: true }));
    document.removeEventListener('keydown', pageShortcut);
    expect(pageShortcut).not.toHaveBeenCalled();
  });

  it('drops clicks, submits and keys the page synthesizes; the person’s own input goes through', () => {
    const root = mountShadowUi({
      tagName: 'adlens-test',
      css: '',
      signal: new AbortController().signal,
    })!;
    const button = document.createElement('button');
    root.append(button);
    const pressed = vi.fn();
    button.addEventListener('click', pressed);
    // What `element.click()` or `dispatchEvent` from a page script carries in a browser.
    const synthetic = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(synthetic, 'isTrusted', { value: false });
    button.dispatchEvent(synthetic);
    expect(pressed).not.toHaveBeenCalled();
    const keyed = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true });
    Object.defineProperty(keyed, 'isTrusted', { value: false });
    const closed = vi.fn();
    button.addEventListener('keydown', closed);
    button.dispatchEvent(keyed);
    expect(closed).not.toHaveBeenCalled();
    const real = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(real, 'isTrusted', { value: true });
    button.dispatchEvent(real);
    expect(pressed).toHaveBeenCalledOnce();
  });
});
