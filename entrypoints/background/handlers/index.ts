import type { Handlers } from '@/lib/messaging/server';
import { accountsGet } from './accounts-get';
import { accountsList } from './accounts-list';
import { connectWithToken } from './auth-connect-with-token';
import { disconnect } from './auth-disconnect';
import { login } from './auth-login';
import { setForgetTokenOnClose } from './auth-set-forget-token-on-close';
import { authStatus } from './auth-status';
import { verify } from './auth-verify';
import { findingsForRows } from './findings-for-rows';
import { insightGet } from './insight-get';
import { insightsGet } from './insights-get';
import { identifyByName } from './rows-identify-by-name';
import { snapshotsOpen } from './snapshots-open';
import { snapshotsPrepare } from './snapshots-prepare';
import { snapshotsSubjects } from './snapshots-subjects';
import { syncNow } from './sync-now';
import { syncStatus } from './sync-status';

/** One handler per protocol command; a command without one is a type error. */
export const handlers: Handlers = {
  'auth.connectWithToken': connectWithToken,
  'auth.login': login,
  'auth.status': authStatus,
  'auth.disconnect': disconnect,
  'auth.setForgetTokenOnClose': setForgetTokenOnClose,
  'auth.verify': verify,
  'accounts.list': accountsList,
  'accounts.get': accountsGet,
  'findings.forRows': findingsForRows,
  'rows.identifyByName': identifyByName,
  'sync.now': syncNow,
  'sync.status': syncStatus,
  'insights.get': insightsGet,
  'insight.get': insightGet,
  'snapshots.subjects': snapshotsSubjects,
  'snapshots.prepare': snapshotsPrepare,
  'snapshots.open': snapshotsOpen,
};
