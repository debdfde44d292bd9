/**
 * The jest transform: TypeScript to CommonJS with esbuild (a devDependency already: the Lambda
 * bundles are built with it), at about a fifth of ts-jest's cost. On a fresh clone every worker
 * transpiles the ~600 files the suites import before jest's cache has them, which ts-jest made
 * a few seconds of CPU per heavy suite. Type checking stays `npm run typecheck`'s job, as before.
 *
 * A file that calls `jest.mock(` still goes through ts-jest, which hoists the call above the
 * imports (esbuild knows nothing of jest).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

/** As tsconfig.json compiles (ES2022 class fields, esModuleInterop), for what esbuild reads of it. */
const TSCONFIG = {
  compilerOptions: { target: 'ES2022', useDefineForClassFields: true, esModuleInterop: true },
};
const SELF = readFileSync(module.filename, 'utf8');

let tsJest;
const hoisting = () => (tsJest ??= require('ts-jest').default.createTransformer({ diagnostics: false }));
const needsHoisting = (source) => source.includes('jest.mock(');

module.exports = {
  getCacheKey(source, path, options) {
    return createHash('sha256')
      .update(SELF)
      .update(esbuild.version)
      .update(needsHoisting(source) ? hoisting().getCacheKey(source, path, options) : '')
      .update(path)
      .update(source)
      .digest('hex');
  },

  process(source, path, options) {
    if (needsHoisting(source)) return hoisting().process(source, path, options);
    const { code, map } = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'es2022',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: path,
      tsconfigRaw: TSCONFIG,
      // `await import(x)` becomes a require, as tsc compiles it for CommonJS: jest's module
      // registry runs no native dynamic import (src/diagram/png.ts loads resvg so).
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
