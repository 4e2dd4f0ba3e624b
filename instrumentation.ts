// Runs once when the server starts: validate the configuration (stopping with a message naming the
// setting when one is wrong), open and migrate the database, load the vocabularies and seed the starter
// kit before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startWeb } = await import('./lib/runtime/start-web');
  await startWeb();
}
