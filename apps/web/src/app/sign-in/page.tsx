import { redirect } from 'next/navigation';
import { auth } from '../../auth';
import type { MessageKey } from '../../i18n/en';
import { oauthProviderIds } from '../../server/oauth';
import { SignInForm } from './sign-in-form';

/** Why an OAuth sign-in came back here: Lumi's own refusals (auth.ts), then anything Auth.js reports. */
const OAUTH_ERRORS = new Map<string, MessageKey>([
  ['EmailUnverified', 'auth.oauthUnverified'],
  ['AccountDisabled', 'auth.accountDisabled'],
]);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  if ((await auth())?.user) redirect('/');
  const { error } = await searchParams;
  const notice = typeof error === 'string' ? (OAUTH_ERRORS.get(error) ?? 'auth.oauthFailed') : null;
  return (
    <main className="mx-auto w-full max-w-sm px-4 py-10">
      <SignInForm providers={oauthProviderIds} notice={notice} />
    </main>
  );
}
