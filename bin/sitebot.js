#!/usr/bin/env node
// The `sitebot` command: registers tsx's CommonJS loader so the TypeScript sources run as they are.
'use strict';
require('tsx/cjs');
require('../src/cli/main')
  .main()
  .catch((err) => {
    process.stderr.write(`sitebot: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  });
