/**
 * The console page's script, built from TypeScript by esbuild in-process the first time it is
 * asked for (no build step before `npm start`), then kept for the life of the process.
 */
import { join } from 'node:path';

let built: Promise<string> | undefined;

export const CLIENT_DIR = join(__dirname, 'client');

export function consoleScript(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [join(CLIENT_DIR, 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      charset: 'utf8',
      logLevel: 'silent',
    });
    return out.outputFiles[0].text;
  })();
  built.catch(() => {
    // A failed build is tried again on the next request.
    built = undefined;
  });
  return built;
}
