import { defineBackground } from '#imports';
import { resumeRenewal } from '@/lib/auth/renewal';
import { applyTokenPersistence } from '@/lib/auth/vault';
import { graphErrorToAppError } from '@/lib/graph/errors';
import { listenForMessages } from '@/lib/messaging/server';
import { forgetTokenOnBrowserClose } from '@/lib/settings/token-persistence';
import { handlers } from './handlers';

export default defineBackground(() => {
  listenForMessages(handlers, graphErrorToAppError);
  forgetTokenOnBrowserClose.watch(() => void applyTokenPersistence());
  void resumeRenewal();
});
