// Runs once when the server starts: validate the configuration, open and migrate the database, load
// the vocabularies and seed the starter kit before the first request, and fail fast with a clear
// message when a setting is wrong.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { runtime } = await import('./lib/runtime');
  await runtime();
}
