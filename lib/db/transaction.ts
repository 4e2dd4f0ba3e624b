import type { Database } from './client';

/** The transaction handle drizzle passes to `db.transaction(…)`, the same for both drivers. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Something queries can be run on: the database itself or a transaction inside it. */
export type Queryable = Database | Transaction;
