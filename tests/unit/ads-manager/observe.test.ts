// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameBatch, observe, onMutations, waitForElement } from '@/lib/ads-manager/observe';

afterEach(() => {
  document.body.replaceChildren();
});

function add(id: string): HTMLElement {
  const element = document.createElement('section');
  element.id = id;
  document.body.append(element);
  return element;
}

describe('observe', () => {
  it('reports present and later elements once each, until aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    add('a');
    observe('section', (element) => seen.push(element.id), { signal: controller.signal });
    expect(seen).toEqual(['a']);
    add('b');
    await vi.waitFor(() => expect(seen).toEqual(['a', 'b']));
    document.body.append(document.createElement('p'));
    controller.abort();
    add('c');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(seen).toEqual(['a', 'b']);
  });

  it('accepts a function that finds the elements', () => {
    const controller = new AbortController();
    const seen: Element[] = [];
    const first = add('x');
    observe(
      (root) => [root.querySelector('#x')].filter((e) => e !== null),
      (e) => seen.push(e),
      { signal: controller.signal },
    );
    expect(seen).toEqual([first]);
  });

  it('keeps other observers going when one callback throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const controller = new AbortController();
    const { signal } = controller;
    const seen: string[] = [];
    observe(
      'section',
      () => {
        throw new Error('boom');
      },
      { signal },
    );
    observe('section', (element) => seen.push(element.id), { signal });
    add('z');
    await vi.waitFor(() => expect(seen).toEqual(['z']));
    expect(error).toHaveBeenCalled();
    controller.abort();
  });
});

describe('waitForElement', () => {
  it('resolves with the element once it appears', async () => {
    const waiting = waitForElement('#late', { signal: new AbortController().signal });
    const late = add('late');
    await expect(waiting).resolves.toBe(late);
  });

  it('resolves undefined on abort or timeout', async () => {
    const controller = new AbortController();
    const aborted = waitForElement('#never', { signal: controller.signal });
    controller.abort();
    await expect(aborted).resolves.toBeUndefined();
    await expect(
      waitForElement('#never', { signal: new AbortController().signal, timeoutMs: 5 }),
    ).resolves.toBeUndefined();
  });
});

describe('onMutations', () => {
  it('reports batches of changes under the target until aborted', async () => {
    const controller = new AbortController();
    const target = add('t');
    const batches: number[] = [];
    onMutations(
      target,
      { childList: true },
      (records) => batches.push(records.length),
      controller.signal,
    );
    target.append(document.createElement('i'), document.createElement('b'));
    await vi.waitFor(() => expect(batches).toEqual([2]));
    controller.abort();
    target.append(document.createElement('u'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toEqual([2]);
  });
});

describe('frameBatch', () => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  it('runs the work once in the next frame however often it was scheduled, and again when asked again', async () => {
    const flush = vi.fn();
    const schedule = frameBatch(flush, new AbortController().signal);
    schedule();
    schedule();
    expect(flush).not.toHaveBeenCalled();
    await nextFrame();
    await nextFrame();
    expect(flush).toHaveBeenCalledOnce();
    schedule();
    await nextFrame();
    await nextFrame();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('runs nothing once aborted, scheduled before or after', async () => {
    const flush = vi.fn();
    const controller = new AbortController();
    const schedule = frameBatch(flush, controller.signal);
    schedule();
    controller.abort();
    schedule();
    await nextFrame();
    await nextFrame();
    expect(flush).not.toHaveBeenCalled();
  });
});
