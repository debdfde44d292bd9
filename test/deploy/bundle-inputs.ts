/**
 * The source files a Lambda bundle is made of, from esbuild's metafile, built with the settings
 * serverless.yml uses (no output written). Paths are relative to the project root.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from '../../bench/bundle/run';
import { ROOT } from './package-offline';

export type HandlerName = 'slack' | 'worker' | 'remind';

export async function bundleInputs(handler: HandlerName): Promise<string[]> {
  const result = await build({
    ...ESBUILD_OPTIONS,
    alias: { ...ESBUILD_OPTIONS.alias },
    mainFields: [...ESBUILD_OPTIONS.mainFields],
    absWorkingDir: ROOT,
    entryPoints: [`src/handlers/${handler}.ts`],
    outfile: join(ROOT, '.bundle-inputs', `${handler}.js`),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}
