import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Councils and other public bodies. Part of lib/db/schema.ts. */

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** 'council' for the UK local authorities, 'public-body' for others an admin adds. */
    type: text('type').notNull().default('council'),
    gssCode: text('gss_code'),
    /** 'county' | 'district' | 'unitary' for councils. */
    tier: text('tier'),
    country: text('country'),
    homepageUrl: text('homepage_url'),
    /** Email domains whose verified addresses join this organisation. A first guess; admins change it. */
    emailDomains: text('email_domains').array().notNull().default(sql`'{}'::text[]`),
    /**
     * Set by the organisation's admins: every upload's check must be acknowledged (a tick) before it is
     * published, even when the check found nothing (lib/checks/publish-material.ts).
     */
    requireCheckAcknowledgement: boolean('require_check_acknowledgement').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_slug_key').on(t.slug), uniqueIndex('organisations_gss_code_key').on(t.gssCode)],
);
