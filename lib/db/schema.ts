/**
 * One schema for both drivers (PGlite and Postgres through `pg`), a file per part of the hub in
 * lib/db/tables/. Migrations in drizzle/ are generated from it with `npm run db:generate`; the search
 * trigger lives in a hand-written migration beside them. Import tables from here.
 */
export * from './tables/vocabularies';
export * from './tables/organisations';
export * from './tables/materials';
export * from './tables/people';
export * from './tables/records';
export * from './tables/concerns';
export * from './tables/previews';
export * from './tables/reuse';
export * from './tables/commitments';
export * from './tables/projects';
export * from './tables/following';
export * from './tables/kits';
export * from './tables/alternatives';
export * from './tables/api-tokens';
