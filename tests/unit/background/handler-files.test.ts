import { describe, expect, it, vi } from 'vitest';
import { handlers } from '@/entrypoints/background/handlers';
import { collectHandlers, defineHandler, type CommandHandler } from '@/lib/messaging/handler';
import { PROTOCOL, type Command } from '@/lib/messaging/protocol';

/**
 * Handlers register themselves (entrypoints/background/handlers/index.ts gathers the folder), so
 * no type names a command left without one: this does, before the worker would refuse to start.
 */
const files = import.meta.glob<{ default?: { command?: unknown } }>(
  [
    '../../../entrypoints/background/handlers/*.ts',
    '!../../../entrypoints/background/handlers/index.ts',
  ],
  { eager: true },
);

describe('the background handler files', () => {
  it('answer every command of the protocol table once, and no other', () => {
    const filesByCommand = new Map<unknown, string[]>();
    for (const [file, module] of Object.entries(files)) {
      const command = module.default?.command;
      filesByCommand.set(command, [...(filesByCommand.get(command) ?? []), file]);
    }
    expect([...filesByCommand.keys()].sort()).toEqual(Object.keys(PROTOCOL).sort());
    const answeredTwice = [...filesByCommand].filter(([, answering]) => answering.length > 1);
    expect(answeredTwice).toEqual([]);
  });

  it('are the router’s table, each under the command it names', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(PROTOCOL).sort());
    for (const module of Object.values(files)) {
      const handler = module.default as CommandHandler<Command>;
      expect(handlers[handler.command]).toBe(handler);
    }
  });

  it('refuse to start with a command answered twice or not at all, or a file without a handler', () => {
    const status = defineHandler('auth.status', vi.fn());
    const stray = Object.assign(vi.fn(), { command: 'tabs.fetch' });
    const collect = () =>
      collectHandlers({
        './auth-status.ts': { default: status },
        './auth-status-again.ts': { default: status },
        './helpers.ts': { formatName: () => '' },
        './tabs-fetch.ts': { default: stray },
      });
    expect(collect).toThrow('./auth-status-again.ts answers auth.status, which another file');
    expect(collect).toThrow('./helpers.ts exports no handler');
    expect(collect).toThrow(
      './tabs-fetch.ts answers tabs.fetch, which the protocol table does not',
    );
    expect(collect).toThrow('sync.now has no handler');
  });
});
