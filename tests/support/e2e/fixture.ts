import { startSimulator, type RunningSimulator } from '../../sim/start';
import { launchAdlensBrowser, type AdlensBrowser } from './browser';
import { OptionsPage } from './pages';

/**
 * One spec's world: the simulator on loopback, Chromium with the built extension routed to it, and
 * (unless told otherwise) Adlens connected with the simulator's demo token, as a user would from
 * the options page. `close` ends the browser, then the simulator; a start that fails half-way ends
 * what it had started.
 */
export interface AdlensSetup {
  readonly simulator?: Parameters<typeof startSimulator>[0];
  /** Adjusts the simulator before the browser starts: page variant, report runs, clock. */
  readonly configure?: (sim: RunningSimulator) => void;
  /** The browser's language (`--lang`, Accept-Language). */
  readonly lang?: string;
  /** Runs once the browser is up, before the options page opens (recorders, downloads). */
  readonly beforeConnect?: (adlens: RunningAdlens) => Promise<void>;
  /** The connection status to wait for; the English one by default. */
  readonly connectedStatus?: string;
}

export interface RunningAdlens {
  readonly sim: RunningSimulator;
  readonly chromium: AdlensBrowser;
  close(): Promise<void>;
}

export interface ConnectedAdlens extends RunningAdlens {
  /** The options page that connected, left open. */
  readonly options: OptionsPage;
  /** The simulator's clock when the token was handed over. */
  readonly connectedAt: number;
}

/** The simulator and the browser, Adlens not connected. */
export async function launchAdlens(
  setup: Omit<AdlensSetup, 'beforeConnect' | 'connectedStatus'> = {},
): Promise<RunningAdlens> {
  const sim = await startSimulator(setup.simulator);
  try {
    setup.configure?.(sim);
    const chromium = await launchAdlensBrowser(
      sim.routing,
      setup.lang === undefined ? {} : { lang: setup.lang },
    );
    return {
      sim,
      chromium,
      async close() {
        await chromium.close();
        await sim.close();
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** The simulator and the browser, Adlens connected with the demo token. */
export async function startConnectedAdlens(setup: AdlensSetup = {}): Promise<ConnectedAdlens> {
  const adlens = await launchAdlens(setup);
  try {
    await setup.beforeConnect?.(adlens);
    const options = await OptionsPage.open(adlens.chromium.browser);
    const connectedAt = adlens.sim.clock.now();
    await options.connectWithToken(adlens.sim.control.demoToken);
    await options.waitForStatus(setup.connectedStatus ?? 'Connected as Demo Media Buyer');
    return { ...adlens, options, connectedAt };
  } catch (error) {
    await adlens.close();
    throw error;
  }
}
