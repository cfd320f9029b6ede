/**
 * The page's script, bundled from client/main.ts with esbuild the first time it is asked for and then
 * kept in memory for the life of the process (it does not depend on the world or the build id).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

let pending: Promise<string> | undefined;

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    // Minified like the real page's scripts: nothing in the bundle is a stable name to hook on.
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the Ads Manager page');
  return file.text;
}

/** The bundled page script; a failed build is retried on the next call. */
export function clientBundle(): Promise<string> {
  pending ??= bundleClient().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
