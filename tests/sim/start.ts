import { createAdsManagerSite, isAdsManagerPath } from './ads-manager';
import { createLoginDialog, isLoginDialogPath, type LoginDialogControl } from './facebook-login';
import { createSimulatedMeta, type SimOptions, type SimulatedMeta } from './index';
import type { SimHandler } from './http';
import { startSimServer, type SimServer } from './server';
import type { SimAccount } from './world/types';

export interface RunningSimulator extends SimulatedMeta {
  readonly server: SimServer;
  /** What Chromium needs to reach the simulator under the real host names. */
  readonly routing: { readonly hostResolverRules: string; readonly spkiSha256: string };
  /** The account with 200 campaigns, 1,000 ad sets and 5,000 ads. */
  readonly largeAccount: SimAccount;
  /** Facebook Login's dialog on www.facebook.com: session, auto-approval, declined scopes, log. */
  readonly login: LoginDialogControl;
  close(): Promise<void>;
}

/** The whole simulated Meta on one loopback HTTPS port: Graph API, Ads Manager, facebook.com. */
export async function startSimulator(
  options: Omit<SimOptions, 'clock'> = {},
): Promise<RunningSimulator> {
  const meta = createSimulatedMeta(options);
  const adsManager = createAdsManagerSite({ world: meta.world, control: meta.control });
  const loginDialog = createLoginDialog(meta.control, meta.clock);
  const notFound: SimHandler = () => ({ status: 404, body: 'Not found' });
  const wwwFacebook: SimHandler = (request) => {
    if (isAdsManagerPath(request.url.pathname)) return adsManager(request);
    if (isLoginDialogPath(request.url.pathname)) return loginDialog.handler(request);
    return notFound(request);
  };
  const server = await startSimServer({
    'graph.facebook.com': meta.graph,
    'adsmanager.facebook.com': adsManager,
    'business.facebook.com': adsManager,
    'www.facebook.com': wwwFacebook,
  });
  return {
    ...meta,
    server,
    routing: {
      hostResolverRules: server.hostResolverRules,
      spkiSha256: server.certificate.spkiSha256,
    },
    largeAccount: largestAccount(meta),
    login: loginDialog.control,
    close: () => server.close(),
  };
}

function largestAccount({ world }: SimulatedMeta): SimAccount {
  const bySize = [...world.accounts].sort(
    (a, b) => world.entities(b.accountId, 'ad').length - world.entities(a.accountId, 'ad').length,
  );
  return bySize[0]!;
}
