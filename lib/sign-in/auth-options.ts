import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import AzureADProvider from 'next-auth/providers/azure-ad';
import EmailProvider from 'next-auth/providers/email';
import { config, type AppConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { services } from '@/lib/runtime';
import { parseEmailAddress } from '@/lib/text/email-address';
import { authSecret } from './auth-secret';
import { safeCallbackPath } from './callback-url';
import { createDrizzleAdapter } from './drizzle-adapter';
import { deliverSignInLink, emailedLink, SIGN_IN_LINK_MINUTES } from './sign-in-email';

/**
 * next-auth (v4) for the hub.
 *
 * - Sessions are rows in the database (`strategy: 'database'`): they survive restarts, signing out
 *   deletes the row, and removing a user ends their sessions at once. The session says only who the
 *   user is; their organisation and role are read from the database on every request
 *   (lib/sign-in/current-viewer.ts), never from the session.
 * - Email links, when SMTP is configured or (outside production) written to the server log. Links work
 *   once and for 15 minutes. The hub's own routes (app/sign-in/…) validate the address, rate-limit and
 *   check Origin before asking next-auth to send one; next-auth's own endpoint for that is closed
 *   (app/api/auth/[...nextauth]/route.ts).
 * - Microsoft Entra ID when ENTRA_* is set. An account is never linked to an existing user by a
 *   matching email address (`allowDangerousEmailAccountLinking: false`).
 */

export interface AuthDependencies {
  settings: Pick<AppConfig, 'auth' | 'environment' | 'dataDir'>;
  secret: string;
  getDb: () => Database | Promise<Database>;
}

/** How long a session lasts without use; next-auth extends it at most once a day while it is used. */
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

export function createAuthOptions({ settings, secret, getDb }: AuthDependencies): NextAuthOptions {
  const { auth } = settings;
  const providers: NextAuthOptions['providers'] = [];
  if (auth.email) {
    const email = auth.email;
    providers.push(
      EmailProvider({
        // Unused: sendVerificationRequest below does the sending. next-auth asks for a value.
        server: {},
        from: email.transport === 'smtp' ? email.smtp.from : 'Discovery Commons <no-reply@localhost>',
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        normalizeIdentifier(identifier: string) {
          const parsed = parseEmailAddress(identifier);
          if (!parsed.ok) throw new Error('Invalid email address');
          return parsed.address;
        },
        async sendVerificationRequest({ identifier, url }) {
          await deliverSignInLink(email, identifier, emailedLink(url, auth.url));
        },
      }),
    );
  }
  if (auth.entra) {
    providers.push(
      AzureADProvider({
        clientId: auth.entra.clientId,
        clientSecret: auth.entra.clientSecret,
        tenantId: auth.entra.tenantId,
        allowDangerousEmailAccountLinking: false,
        // next-auth's default also fetches the profile photo from Microsoft Graph; the hub shows none.
        profile(profile: { sub: string; name?: string; email?: string }) {
          return { id: profile.sub, name: profile.name ?? null, email: profile.email ?? null, image: null };
        },
      }),
    );
  }

  return {
    secret,
    adapter: createDrizzleAdapter(getDb),
    providers,
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    pages: {
      signIn: '/sign-in',
      verifyRequest: '/sign-in/check-your-email',
      error: '/sign-in/problem',
      // GET /api/auth/signout shows the account page, whose "Sign out" button posts.
      signOut: '/account',
    },
    callbacks: {
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      async signIn({ user, account }) {
        if (account?.provider === 'email') return parseEmailAddress(user.email).ok;
        // Microsoft: the address becomes the account's; refuse one that is missing or not plain.
        if (!parseEmailAddress(user.email).ok) return '/sign-in/problem?error=MicrosoftNoEmail';
        return true;
      },
      async session({ session, user }) {
        // Only who is signed in. Everything else is read live (lib/sign-in/current-viewer.ts).
        return { expires: session.expires, user: { id: user.id } } as unknown as typeof session;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

/** The running hub's next-auth options: its configuration and its database. Built on first use. */
export function authOptions(): NextAuthOptions {
  if (!cached) {
    const settings = config();
    cached = createAuthOptions({ settings, secret: authSecret(settings), getDb: async () => (await services()).db });
  }
  return cached;
}

/** Which ways to sign in this hub offers, for the sign-in page. */
export function signInMethods(): { email: 'smtp' | 'log' | null; microsoft: boolean } {
  const { auth } = config();
  return { email: auth.email?.transport ?? null, microsoft: auth.entra !== null };
}
