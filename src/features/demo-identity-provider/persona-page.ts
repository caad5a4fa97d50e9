import { escapeHtml, htmlPage } from '../../http/html-page.js';
import type { PersonaUser, SignInChoices } from './demo-personas.js';

/**
 * The demo provider's sign-in page: no passwords, a button per person. Each button's accessible
 * name is the person's name and principal name, so people and browser tests find them alike.
 * Plain forms, no script (the CSP allows none inline, and none is needed).
 */
export function personaPage(loginAction: string, choices: SignInChoices, truncated: boolean): string {
  const button = (user: PersonaUser, role?: string) =>
    `<li><button type="submit" name="accountId" value="${escapeHtml(user.id)}" style="width:100%;text-align:left;background:#fff;color:#1f2328;border:1px solid #d0d7de;margin:.2rem 0">` +
    `<strong>${escapeHtml(user.displayName)}</strong> <span style="color:#57606a">${escapeHtml(user.userPrincipalName)}</span>` +
    (role ? `<br><small>${user.jobTitle ? `${escapeHtml(user.jobTitle)} · ` : ''}${escapeHtml(role)}</small>` : user.jobTitle ? ` <small style="color:#57606a">· ${escapeHtml(user.jobTitle)}</small>` : '') +
    '</button></li>';
  const form = (items: string) => `<form method="post" action="${escapeHtml(loginAction)}"><ul style="list-style:none;padding:0;margin:0">${items}</ul></form>`;

  const personas = choices.personas.length > 0 ? `<h2 style="font-size:1.1rem">People to try the demo as</h2>\n${form(choices.personas.map(({ user, role }) => button(user, role)).join(''))}` : '';
  const departments = choices.departments
    .map(({ name, users }) => `<details><summary>${escapeHtml(name)} (${users.length})</summary>${form(users.map((user) => button(user)).join(''))}</details>`)
    .join('\n');
  const more = truncated ? '<p>The directory has more people than this page lists.</p>' : '';
  return htmlPage(
    'Sign in to the Tessera demo',
    `<h1>Sign in to the Tessera demo as…</h1>
<p>This is the demo’s built-in identity provider: pick anyone in the demo organisation, no password needed. A real deployment signs in through your own provider (OIDC_ISSUER).</p>
${personas}
<h2 style="font-size:1.1rem">Everyone else, by department</h2>
${departments}
${more}`,
  );
}

/** The demo provider's pages for an interaction that cannot go on. */
export function interactionTroublePage(title: string, text: string, signInPath: string): string {
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>\n<p><a class="button" href="${escapeHtml(signInPath)}">Start again</a></p>`);
}
