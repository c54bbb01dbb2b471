// Runs s3rver on 127.0.0.1 with a free port and prints {"port": N} once it listens.
// Started by test/support/s3rver.ts as `node --openssl-legacy-provider s3rver-main.js DIR BUCKET...`.
const S3rver = require('s3rver');

const [directory, ...buckets] = process.argv.slice(2);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) })
  .run()
  .then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\n'))
  .catch((e) => {
    process.stderr.write(`s3rver failed to start: ${e.message}\n`);
    process.exit(1);
  });
