import { administratorPrincipalName, chiefExecutivePrincipalName, demoPeople, demoPersonas } from '../demo/demo-organisation.js';

/**
 * Who the demo's sign-in page offers first: the people through whom the demo's story can be
 * told (an administrator, the approvers, requesters who may and may not ask for the IT packages),
 * found by their principal names in the seeded organisation. Everyone else follows by department.
 */
export type PersonaUser = { id: string; displayName: string; userPrincipalName: string; department: string | null; jobTitle: string | null };
export type Persona = { user: PersonaUser; role: string };
export type SignInChoices = { personas: Persona[]; departments: { name: string; users: PersonaUser[] }[] };

const seeded = new Map(demoPeople().map((person) => [person.key, person.userPrincipalName]));
const story = demoPersonas();

// The demo's story of a request through two approval stages is told with these three.
const personaRoles: { principalName: string | undefined; role: string }[] = [
  { principalName: administratorPrincipalName, role: 'Administrator: manages catalogs, packages and policies; sees the audit log' },
  { principalName: chiefExecutivePrincipalName, role: 'Manager of the department heads: approves their requests' },
  { principalName: story.headOfIt.userPrincipalName, role: 'Manager of the IT staff: approves their requests (the second stage of “Production access”)' },
  { principalName: story.requester.userPrincipalName, role: 'IT staff: may request “New hire in IT” and “Production access”' },
  { principalName: story.securityReviewer.userPrincipalName, role: 'IT security: approves the first stage of “Production access”' },
  { principalName: seeded.get('Engineering-1'), role: 'Not in IT: may request neither IT package' },
];

export function signInChoices(users: readonly PersonaUser[]): SignInChoices {
  const byName = new Map(users.map((user) => [user.userPrincipalName.toLowerCase(), user]));
  const personas: Persona[] = [];
  for (const { principalName, role } of personaRoles) {
    const user = principalName === undefined ? undefined : byName.get(principalName.toLowerCase());
    if (user) personas.push({ user, role });
  }
  const chosen = new Set(personas.map((persona) => persona.user.id));
  const groups = new Map<string, PersonaUser[]>();
  for (const user of users) {
    if (chosen.has(user.id)) continue;
    const name = user.department?.trim() || 'No department';
    groups.set(name, [...(groups.get(name) ?? []), user]);
  }
  const byDisplayName = (a: PersonaUser, b: PersonaUser) => a.displayName.localeCompare(b.displayName, 'en') || a.userPrincipalName.localeCompare(b.userPrincipalName, 'en');
  const departments = [...groups.entries()]
    .map(([name, members]) => ({ name, users: members.sort(byDisplayName) }))
    // Named departments alphabetically; people without one last.
    .sort((a, b) => Number(a.name === 'No department') - Number(b.name === 'No department') || a.name.localeCompare(b.name, 'en'));
  return { personas, departments };
}
