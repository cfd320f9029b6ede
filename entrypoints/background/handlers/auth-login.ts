import { connectToken } from '@/lib/auth/connect';
import { runFacebookLogin } from '@/lib/auth/login-flow';
import { scheduleRenewal } from '@/lib/auth/renewal';
import { defineHandler } from '@/lib/messaging/handler';
import { toAccountSummary } from '@/lib/schema/account';
import { syncAfterConnect } from '@/lib/sync/service';
import { saveLoginSettings } from '@/lib/settings/facebook-login';

/**
 * Facebook Login with the app id from the options page: the dialog in a browser window, then the
 * same checks as a pasted token. The settings are kept even when the login fails, so the form and
 * a later Reconnect remember them; a cancelled or refused login stores no token.
 */
export default defineHandler('auth.login', async ({ appId, businessManagement }) => {
  await saveLoginSettings({ appId, businessManagement });
  const grant = await runFacebookLogin({ appId, businessManagement, interactive: true });
  const { user, accounts, info } = await connectToken(grant.accessToken, {
    source: 'login',
    appId,
    grant,
  });
  await scheduleRenewal(info);
  // The first sync starts now: insights are read within seconds, without pressing anything.
  await syncAfterConnect();
  return { userName: user.name, accounts: accounts.map(toAccountSummary) };
});
