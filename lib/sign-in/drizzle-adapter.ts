import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from 'next-auth/adapters';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/client';
import { accounts, sessions, users, verificationTokens } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { joinByEmailDomain, userAsActor } from '@/lib/organisations/join-by-email-domain';
import { parseEmailAddress } from '@/lib/text/email-address';
import { isUuid } from '@/lib/text/uuid';

/**
 * next-auth v4's adapter over the hub's own tables (lib/db/schema.ts), for both database drivers.
 *
 * - Email addresses are stored normalised (lower case, see email-address.ts).
 * - Session tokens are stored as their SHA-256: a copy of the database does not hold live sessions.
 *   next-auth still hands the browser the token itself.
 * - No Microsoft tokens are kept (access, refresh and ID tokens): the hub never calls Microsoft on a
 *   person's behalf, so it keeps only which Microsoft account is whose.
 * - A verification token is deleted and returned by one statement, so a sign-in link works once even
 *   when two requests race for it.
 * - Joining a council by email domain: when a user is created with a verified address, or their
 *   address is verified, and they belong to no organisation, they join the one organisation whose
 *   email domains hold exactly their address's domain, as a member ('member.joined_by_email_domain'
 *   in the audit log). Addresses that came from Microsoft are not verified (an Entra tenant's admin can
 *   put any address on an account), so they join nobody until the address is proved by email link.
 * - When an address is verified for the first time, Microsoft accounts linked to the user before then
 *   are unlinked and the user's other sessions end: someone who signed in from their own Entra tenant
 *   with a council address they do not own cannot keep a way into the account of the person who does
 *   ("pre-account takeover"). The owner can link their Microsoft account again while signed in.
 */
export function createDrizzleAdapter(getDb: () => Database | Promise<Database>): Adapter & RequiredAdapter {
  const db = async () => getDb();

  return {
    async createUser(user) {
      const email = normalisedEmail(user.email);
      return (await db()).transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ email, name: user.name ?? null, image: user.image ?? null, emailVerified: user.emailVerified ?? null })
          .returning();
        if (row!.emailVerified) await joinByEmailDomain(tx, row!);
        return toAdapterUser(row!);
      });
    },

    async getUser(id) {
      if (!isUuid(id)) return null;
      const [row] = await (await db()).select().from(users).where(eq(users.id, id));
      return row ? toAdapterUser(row) : null;
    },

    async getUserByEmail(email) {
      const parsed = parseEmailAddress(email);
      if (!parsed.ok) return null;
      const [row] = await (await db()).select().from(users).where(eq(users.email, parsed.address));
      return row ? toAdapterUser(row) : null;
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const [row] = await (await db())
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, eq(users.id, accounts.userId))
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
      return row ? toAdapterUser(row.user) : null;
    },

    async updateUser(user) {
      if (!isUuid(user.id)) throw new Error('No such user');
      return (await db()).transaction(async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
        if (!before) throw new Error('No such user');
        const changes: Partial<typeof users.$inferInsert> = {};
        if (user.email !== undefined) changes.email = normalisedEmail(user.email);
        if (user.name !== undefined) changes.name = user.name;
        if (user.image !== undefined) changes.image = user.image;
        if (user.emailVerified !== undefined) changes.emailVerified = user.emailVerified;
        const [row] = Object.keys(changes).length
          ? await tx.update(users).set(changes).where(eq(users.id, user.id)).returning()
          : [before];
        const verifiedNow = Boolean(user.emailVerified);
        if (verifiedNow && !before.emailVerified) await endUnverifiedAccess(tx, row!);
        if (verifiedNow) await joinByEmailDomain(tx, row!);
        const [after] = await tx.select().from(users).where(eq(users.id, user.id));
        return toAdapterUser(after!);
      });
    },

    async deleteUser(id) {
      if (!isUuid(id)) return null;
      const [row] = await (await db()).delete(users).where(eq(users.id, id)).returning();
      return row ? toAdapterUser(row) : null;
    },

    async linkAccount(account) {
      await (await db())
        .insert(accounts)
        .values({
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          // Tokens from the provider are not kept: see above.
          scope: typeof account.scope === 'string' ? account.scope : null,
        });
      return undefined;
    },

    async unlinkAccount({ provider, providerAccountId }) {
      await (await db())
        .delete(accounts)
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
      return undefined;
    },

    async createSession({ sessionToken, userId, expires }) {
      await (await db()).insert(sessions).values({ sessionToken: hashSessionToken(sessionToken), userId, expires });
      return { sessionToken, userId, expires };
    },

    async getSessionAndUser(sessionToken) {
      const [row] = await (await db())
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.sessionToken, hashSessionToken(sessionToken)));
      if (!row) return null;
      return { session: { sessionToken, userId: row.session.userId, expires: row.session.expires }, user: toAdapterUser(row.user) };
    },

    async updateSession({ sessionToken, expires }) {
      if (!expires) return null;
      const [row] = await (await db())
        .update(sessions)
        .set({ expires })
        .where(eq(sessions.sessionToken, hashSessionToken(sessionToken)))
        .returning();
      return row ? { sessionToken, userId: row.userId, expires: row.expires } : null;
    },

    async deleteSession(sessionToken) {
      const [row] = await (await db())
        .delete(sessions)
        .where(eq(sessions.sessionToken, hashSessionToken(sessionToken)))
        .returning();
      return row ? { sessionToken, userId: row.userId, expires: row.expires } : null;
    },

    async createVerificationToken(token) {
      const database = await db();
      // Housekeeping: links past their expiry can never be used; keep the table small.
      await database.delete(verificationTokens).where(lt(verificationTokens.expires, new Date()));
      const [row] = await database
        .insert(verificationTokens)
        .values({ identifier: token.identifier, token: token.token, expires: token.expires })
        .returning();
      return row!;
    },

    async useVerificationToken({ identifier, token }) {
      // One statement: of two requests with the same link, exactly one gets the row.
      const [row] = await (await db())
        .delete(verificationTokens)
        .where(and(eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, token)))
        .returning();
      return row ?? null;
    },
  };
}

/** The adapter methods this hub relies on, all present (next-auth's type makes each optional). */
interface RequiredAdapter {
  createUser(user: Omit<AdapterUser, 'id'>): Promise<AdapterUser>;
  getUser(id: string): Promise<AdapterUser | null>;
  getUserByEmail(email: string): Promise<AdapterUser | null>;
  getUserByAccount(account: Pick<AdapterAccount, 'provider' | 'providerAccountId'>): Promise<AdapterUser | null>;
  updateUser(user: Partial<AdapterUser> & Pick<AdapterUser, 'id'>): Promise<AdapterUser>;
  deleteUser(id: string): Promise<AdapterUser | null>;
  linkAccount(account: AdapterAccount): Promise<undefined>;
  unlinkAccount(account: Pick<AdapterAccount, 'provider' | 'providerAccountId'>): Promise<undefined>;
  createSession(session: AdapterSession): Promise<AdapterSession>;
  getSessionAndUser(sessionToken: string): Promise<{ session: AdapterSession; user: AdapterUser } | null>;
  updateSession(session: Partial<AdapterSession> & Pick<AdapterSession, 'sessionToken'>): Promise<AdapterSession | null>;
  deleteSession(sessionToken: string): Promise<AdapterSession | null>;
  createVerificationToken(token: VerificationToken): Promise<VerificationToken>;
  useVerificationToken(params: { identifier: string; token: string }): Promise<VerificationToken | null>;
}

type UserRow = typeof users.$inferSelect;

/** The session token as stored: SHA-256, hex. */
export function hashSessionToken(sessionToken: string): string {
  return createHash('sha256').update(sessionToken).digest('hex');
}

function normalisedEmail(email: string | null | undefined): string {
  const parsed = parseEmailAddress(email);
  if (!parsed.ok) throw new Error('The email address is not one plain address');
  return parsed.address;
}

function toAdapterUser(row: UserRow): AdapterUser {
  return { id: row.id, email: row.email, emailVerified: row.emailVerified, name: row.name, image: row.image };
}

/**
 * The address has just been proved for the first time: whatever signed in as this user before then
 * (a Microsoft account whose tenant claimed the address, and its sessions) is cut off.
 */
async function endUnverifiedAccess(tx: Transaction, row: UserRow): Promise<void> {
  const unlinked = await tx
    .delete(accounts)
    .where(eq(accounts.userId, row.id))
    .returning({ provider: accounts.provider });
  await tx.delete(sessions).where(eq(sessions.userId, row.id));
  if (unlinked.length === 0) return;
  await recordAuditEvent(tx, userAsActor(row, null), {
    action: 'user.accounts_unlinked_on_email_verification',
    subjectType: 'user',
    subjectId: row.id,
    organisationId: row.organisationId,
    before: { accounts: unlinked.map((a) => a.provider) },
    after: { accounts: [] },
  });
}
