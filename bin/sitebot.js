#!/usr/bin/env node
// The `sitebot` command: registers tsx's CommonJS loader so the TypeScript sources run as they are.
'use strict';
// The AWS SDK warns on every run under Node 20 (its own support window, not sitebot's): turn it
// off before any SDK module loads. A value set by the user wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('../src/cli/main')
  .main()
  .catch((err) => {
    process.stderr.write(`sitebot: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  });
