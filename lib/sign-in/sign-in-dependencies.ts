import 'server-only';
import { config } from '@/lib/config';
import { services } from '@/lib/runtime';
import { authOptions } from './auth-options';
import type { SignInDependencies } from './sign-in-flow';

/** What the sign-in steps need, from the running hub: next-auth's options, the database, the settings. */
export async function signInDependencies(): Promise<SignInDependencies> {
  return { options: authOptions(), db: (await services()).db, auth: config().auth };
}
