import type { Handlers } from '@/lib/messaging/server';
import { accountsGet } from './accounts-get';
import { accountsList } from './accounts-list';
import { connectWithToken } from './auth-connect-with-token';
import { disconnect } from './auth-disconnect';
import { authStatus } from './auth-status';
import { findingsForRows } from './findings-for-rows';

/** One handler per protocol command; a command without one is a type error. */
export const handlers: Handlers = {
  'auth.connectWithToken': connectWithToken,
  'auth.status': authStatus,
  'auth.disconnect': disconnect,
  'accounts.list': accountsList,
  'accounts.get': accountsGet,
  'findings.forRows': findingsForRows,
};
