import { collectHandlers } from '@/lib/messaging/handler';

/**
 * The router's table: every other file here answers one protocol command
 * (`export default defineHandler('<command>', …)`), gathered at build time, so a new command needs
 * no line here. A command without a handler, or answered twice, fails at start-up, and in
 * tests/unit/background/handler-files.test.ts before that.
 */
export const handlers = collectHandlers(
  import.meta.glob(['./*.ts', '!./index.ts'], { eager: true }),
);
