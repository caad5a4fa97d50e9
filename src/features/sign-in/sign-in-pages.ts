import { escapeHtml, htmlPage } from '../../http/html-page.js';
import type { SignInRefusal } from './complete-sign-in.js';
import type { ProviderProblemKind } from './oidc-relying-party.js';

/**
 * What a person sees when signing in goes wrong: what happened, in plain words, and a way to try
 * again. Details (the provider's own error text, exceptions) go to the log, not the page: the page
 * is reachable by anyone with a crafted link, so it repeats nothing from the request but the
 * identity a verified ID token carried, and that escaped.
 */
export type SignInTrouble =
  | { kind: 'pending'; reason: 'missing' | 'invalid' | 'expired' }
  | { kind: 'stateMismatch' }
  | { kind: 'providerSaid'; meaning: 'refused' | 'unavailable' | 'failed' }
  | { kind: 'provider'; problem: ProviderProblemKind }
  | { kind: 'refused'; refusal: SignInRefusal; claim: string; property: string }
  | { kind: 'internal' };

export function troubleStatus(trouble: SignInTrouble): number {
  switch (trouble.kind) {
    case 'pending':
    case 'stateMismatch':
      return 400;
    case 'providerSaid':
      return trouble.meaning === 'refused' ? 403 : trouble.meaning === 'unavailable' ? 502 : 400;
    case 'provider':
      return trouble.problem === 'rejected' ? 400 : 502;
    case 'refused':
      return 403;
    case 'internal':
      return 500;
  }
}

function explanation(trouble: SignInTrouble): { title: string; text: string } {
  switch (trouble.kind) {
    case 'pending':
      return trouble.reason === 'expired'
        ? { title: 'The sign-in took too long', text: 'More than ten minutes passed between starting to sign in and coming back from the identity provider. Start again.' }
        : { title: 'The sign-in could not be finished', text: 'This browser has no sign-in under way (it was started in another browser or tab, already finished, or its cookie was blocked or altered). Start again.' };
    case 'stateMismatch':
      return { title: 'The sign-in could not be finished', text: 'The answer from the identity provider does not belong to the sign-in started in this browser (another sign-in may have been started since, in another tab). Start again.' };
    case 'providerSaid':
      return trouble.meaning === 'refused'
        ? { title: 'The identity provider did not sign you in', text: 'The sign-in was cancelled, or the identity provider refused it. If you expected to get in, ask your administrator whether Tessera is assigned to you at the identity provider.' }
        : trouble.meaning === 'unavailable'
          ? { title: 'The identity provider is having trouble', text: 'The identity provider could not sign you in just now. Try again in a moment.' }
          : { title: 'The identity provider refused the request', text: 'The identity provider rejected Tessera’s sign-in request. This is usually a configuration problem (client id, secret, or redirect URI); an administrator can find the details in Tessera’s log.' };
    case 'provider':
      return trouble.problem === 'unreachable'
        ? { title: 'The identity provider could not be reached', text: 'Tessera could not reach the identity provider, or it did not answer as an OpenID provider. Try again in a moment; if it persists, an administrator can find the details in Tessera’s log.' }
        : trouble.problem === 'rejected'
          ? { title: 'The sign-in could not be finished', text: 'The identity provider did not accept the sign-in code (it may have expired or been used already). Start again.' }
          : { title: 'The identity provider’s answer could not be verified', text: 'Tessera could not verify the identity provider’s answer, so it did not sign you in. An administrator can find the details in Tessera’s log.' };
    case 'refused':
      return refusalExplanation(trouble);
    case 'internal':
      return { title: 'Something went wrong', text: 'Tessera could not finish signing you in. Try again; if it persists, an administrator can find the details in Tessera’s log.' };
  }
}

function refusalExplanation({ refusal, claim, property }: Extract<SignInTrouble, { kind: 'refused' }>): { title: string; text: string } {
  const who = refusal.claimValue ? `You signed in at the identity provider as ${refusal.claimValue}, but ` : '';
  switch (refusal.refused) {
    case 'noClaim':
      return { title: 'Tessera cannot tell who you are', text: `The identity provider did not send the “${claim}” claim that Tessera identifies people by. An administrator can change OIDC_USER_CLAIM, or have the provider send it.` };
    case 'unverified':
      return { title: 'Your e-mail address is not confirmed', text: `The identity provider did not confirm that ${refusal.claimValue ?? 'your e-mail address'} is yours (email_verified), so Tessera cannot sign you in by it. Confirm it at the provider, or an administrator can identify people by another claim (OIDC_USER_CLAIM).` };
    case 'unknown':
      return { title: 'You are not in Tessera’s directory', text: `${who}no user in Tessera’s directory has that ${property}. Ask an administrator to add you.` };
    case 'ambiguous':
      return { title: 'More than one account matches you', text: `${who}more than one user in Tessera’s directory has that ${property}, so Tessera cannot tell which one you are. Ask an administrator to resolve it.` };
    case 'disabled':
      return { title: 'Your account may not sign in', text: `${who}your account in Tessera’s directory is disabled. Ask an administrator if you think it should not be.` };
  }
}

/** The page for a sign-in that went wrong, with a link that starts it again (back to the same place). */
export function troublePage(trouble: SignInTrouble, returnTo = '/'): string {
  const { title, text } = explanation(trouble);
  const again = returnTo === '/' ? '/auth/signIn' : `/auth/signIn?returnTo=${encodeURIComponent(returnTo)}`;
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>\n<p><a class="button" href="${escapeHtml(again)}">Try again</a></p>`);
}

/** The page for a Tessera with no identity provider to sign in with. */
export function notConfiguredPage(publicUrl: string): string {
  return htmlPage(
    'Portal sign-in is not configured',
    `<h1>Portal sign-in is not configured</h1>
<p>This Tessera has no identity provider to sign people in with. An administrator sets these and restarts Tessera:</p>
<ul>
<li><code>OIDC_ISSUER</code>: the provider’s issuer URL (https)</li>
<li><code>OIDC_CLIENT_ID</code>, and <code>OIDC_CLIENT_SECRET</code> for a confidential client</li>
<li>optionally <code>OIDC_USER_CLAIM</code> (default <code>email</code>) and <code>OIDC_USER_PROPERTY</code> (default <code>userPrincipalName</code>): which claim names the user, matched against which directory property</li>
</ul>
<p>Register <code>${escapeHtml(`${publicUrl}/auth/callback`)}</code> as the redirect URI at the provider.</p>
<p>To try Tessera without a provider, run <code>tessera serve --demo</code>: it brings its own. Scripts and the CLI use bearer tokens (<code>tessera token create</code>) and need no sign-in.</p>`,
  );
}
