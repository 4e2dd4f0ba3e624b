import { defineConfig } from 'drizzle-kit';

// Used only to generate SQL migrations from lib/db/schema.ts (`npm run db:generate`).
// The app applies them itself at start, on both drivers (lib/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './drizzle',
});
