#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build writes dist/).
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
