#!/usr/bin/env node
'use strict';
// A closed pipe (`prospect ... | head`) ends the output quietly; the exit code is still the
// command's, so `set -o pipefail` sees a failed validation.
let pipeClosed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') {
      pipeClosed = true;
      return;
    }
    throw e;
  });
}
// The AWS SDK warns on every run that its 2027 releases will need Node 22; the CLI pins its
// SDK version, so the warning only adds noise to the command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  process.stderr.write(`prospect: not built yet: run "npm run build" first (${e.message.split('\n')[0]})\n`);
  process.exit(70);
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (pipeClosed) process.exit(code);
});
