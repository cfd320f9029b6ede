/**
 * The content script's feature runner. Each feature says where it applies and how to set itself up;
 * the runner re-runs features on every SPA navigation, tears the previous run down through its
 * AbortSignal, and isolates failures: a throwing feature is reported and the others carry on.
 */
export interface Feature {
  /** The feature's file name, e.g. `account-panel`. */
  readonly id: string;
  /** Whether the feature applies to this URL; pure and cheap. */
  readonly include: (url: URL) => boolean;
  /** Sets the feature up for `url`; everything it adds must go when `signal` aborts. */
  readonly init: (signal: AbortSignal, url: URL) => void | Promise<void>;
}

export interface FeatureRunner {
  /** Tears down the previous run and starts the features that include `url`. */
  run(url: URL): void;
  stop(): void;
}

export type FeatureErrorReporter = (featureId: string, error: unknown) => void;

function reportToConsole(featureId: string, error: unknown): void {
  console.error(`Adlens: feature "${featureId}" failed`, error);
}

function start(feature: Feature, url: URL, signal: AbortSignal, report: FeatureErrorReporter) {
  try {
    if (!feature.include(url)) return;
    void Promise.resolve(feature.init(signal, url)).catch((error: unknown) =>
      report(feature.id, error),
    );
  } catch (error) {
    report(feature.id, error);
  }
}

export function createFeatureRunner(
  features: readonly Feature[],
  report: FeatureErrorReporter = reportToConsole,
): FeatureRunner {
  let current: AbortController | undefined;
  return {
    run(url) {
      current?.abort();
      const controller = new AbortController();
      current = controller;
      for (const feature of features) start(feature, url, controller.signal, report);
    },
    stop() {
      current?.abort();
      current = undefined;
    },
  };
}
