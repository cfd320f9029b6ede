import type { SimResponse } from '../http';
import type { FAULTS, GraphErrorFields } from './errors';

/**
 * Scripted faults (Simulator checklist 14, 21): a test says "the next N calls to this route answer
 * like so", then the route behaves normally again.
 */

export type FaultPreset =
  | keyof typeof FAULTS
  /** The connection is reset instead of answered. */
  | 'reset'
  /** HTTP 503 with a non-JSON body, as from a proxy in front of Graph. */
  | 'service_unavailable'
  /** The throttle error currently configured (80000/80004, or 17, 4, 613, 32). */
  | 'throttle';

export type FaultStep =
  | FaultPreset
  /** Answer normally (lets a script fail every other call). */
  | 'pass'
  /** Answer normally, after this many milliseconds of real time. */
  | { readonly delayMs: number }
  /** A Graph error of your own. */
  | { readonly status: number; readonly error: GraphErrorFields }
  /** A raw response, verbatim. */
  | { readonly response: SimResponse };

/**
 * Which calls a script applies to: `path` is matched against the path without its version prefix,
 * e.g. `/act_123/insights`. In a string pattern `*` matches one path segment and `**` any run of
 * segments: `**` followed by `/insights` matches every insights call.
 */
export interface RouteMatcher {
  readonly method?: string;
  readonly path: string | RegExp;
}

interface Script {
  readonly method: string | undefined;
  readonly path: RegExp;
  readonly steps: FaultStep[];
}

export class FaultScripts {
  private scripts: Script[] = [];

  script(route: RouteMatcher, steps: readonly FaultStep[]): void {
    this.scripts.push({
      method: route.method?.toUpperCase(),
      path: typeof route.path === 'string' ? globToRegExp(route.path) : route.path,
      steps: [...steps],
    });
  }

  failNext(route: RouteMatcher, count: number, step: FaultStep): void {
    this.script(route, new Array<FaultStep>(count).fill(step));
  }

  /** The step for this call, consumed; undefined when no script matches. */
  take(method: string, path: string): FaultStep | undefined {
    const script = this.scripts.find(
      (each) =>
        (each.method === undefined || each.method === method.toUpperCase()) && each.path.test(path),
    );
    if (!script) return undefined;
    const step = script.steps.shift();
    if (script.steps.length === 0) this.scripts = this.scripts.filter((each) => each !== script);
    return step;
  }

  pending(): number {
    return this.scripts.reduce((sum, script) => sum + script.steps.length, 0);
  }

  clear(): void {
    this.scripts = [];
  }
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const source = escaped.replace(/\*\*|\*/g, (star) => (star === '**' ? '.*' : '[^/]+'));
  return new RegExp(`^${source}$`);
}
