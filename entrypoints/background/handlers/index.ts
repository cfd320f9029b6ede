import type { Handlers } from '@/lib/messaging/server';
import { accountsGet } from './accounts-get';
import { accountsList } from './accounts-list';
import { connectWithToken } from './auth-connect-with-token';
import { disconnect } from './auth-disconnect';
import { login } from './auth-login';
import { setForgetTokenOnClose } from './auth-set-forget-token-on-close';
import { authStatus } from './auth-status';
import { unlock } from './auth-unlock';
import { verify } from './auth-verify';
import { findingsCounts } from './findings-counts';
import { findingsExplain } from './findings-explain';
import { findingsForRows } from './findings-for-rows';
import { i18nCatalogue } from './i18n-catalogue';
import { insightGet } from './insight-get';
import { insightsGet } from './insights-get';
import { apiLog, apiLogClear, exportCsv, exportData, storedData } from './privacy';
import { clearCache } from './privacy-clear-cache';
import { deleteEverything } from './privacy-delete-everything';
import { identifyByName } from './rows-identify-by-name';
import { settingsGet, settingsUpdateSync } from './settings';
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
  'auth.unlock': unlock,
  'accounts.list': accountsList,
  'accounts.get': accountsGet,
  'findings.forRows': findingsForRows,
  'rows.identifyByName': identifyByName,
  'settings.get': settingsGet,
  'settings.updateSync': settingsUpdateSync,
  'sync.now': syncNow,
  'sync.status': syncStatus,
  'insights.get': insightsGet,
  'insight.get': insightGet,
  'findings.counts': findingsCounts,
  'findings.explain': findingsExplain,
  'privacy.storedData': storedData,
  'privacy.clearCache': clearCache,
  'privacy.export': exportData,
  'privacy.exportCsv': exportCsv,
  'privacy.apiLog': apiLog,
  'privacy.clearApiLog': apiLogClear,
  'privacy.deleteEverything': deleteEverything,
  'snapshots.subjects': snapshotsSubjects,
  'snapshots.prepare': snapshotsPrepare,
  'snapshots.open': snapshotsOpen,
  'i18n.catalogue': i18nCatalogue,
};
