#!/usr/bin/env node
'use strict';
// A closed pipe (`prospect ... | head`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  process.stderr.write(`prospect: not built yet: run "npm run build" first (${e.message.split('\n')[0]})\n`);
  process.exit(70);
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
