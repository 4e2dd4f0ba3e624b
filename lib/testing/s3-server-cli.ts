/**
 * Runs the test S3 server for browser tests and benchmarks, until killed:
 *   S3_TEST_PORT=4569 npx tsx lib/testing/s3-server-cli.ts [directory]
 * The directory (or S3_TEST_DIR) defaults to a fresh temp directory, removed on SIGINT/SIGTERM.
 * Prints the endpoint on stdout. Note `npx` does not forward SIGTERM: signal the tsx process itself.
 */
import { startS3Server } from './s3-server';

async function main() {
  const port = Number(process.env.S3_TEST_PORT || 4569);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`S3_TEST_PORT is not a port: ${process.env.S3_TEST_PORT}`);
  const directory = process.argv[2] || process.env.S3_TEST_DIR || undefined;
  const server = await startS3Server({ port, directory });
  console.log(`s3rver listening on ${server.endpoint} (bucket ${server.bucket}, keys S3RVER/S3RVER)`);
  const shutdown = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
