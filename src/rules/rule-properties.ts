import { extensionAttributeNames, type User } from '../domain/user.js';

/**
 * The user properties a membership rule may name (`user.<name>`), with their type, as Entra
 * documents them for dynamic membership rules, restricted to what Tessera's user has. Names are
 * matched without regard to case: Entra's documentation asks for exact case and its own examples
 * do not keep to it (`user.employeehiredate`).
 */
export type RuleSubject = {
  user: User;
  /** The user's manager, for `Direct Reports for "…"`. */
  managerId: string | null;
  /** The groups the user is a direct member of, for `user.memberOf -any (group.objectId …)`. */
  memberOf: ReadonlySet<string>;
};

export type PropertyType = 'string' | 'boolean' | 'dateTime' | 'stringCollection' | 'groupCollection';

export type RuleProperty = {
  /** As Entra spells it, for messages. */
  name: string;
  type: PropertyType;
  /** The property of Tessera's user this reads (how a change to the user is matched to rules). */
  source: string;
  read(subject: RuleSubject): string | boolean | readonly string[] | null;
};

const text = (name: string, source: keyof User = name as keyof User): RuleProperty => ({
  name,
  type: 'string',
  source,
  read: (subject) => (subject.user[source] as string | null) || null,
});

const properties: RuleProperty[] = [
  text('objectId', 'id'),
  text('userPrincipalName'),
  text('displayName'),
  text('givenName'),
  text('surname'),
  text('mail'),
  text('userType'),
  text('department'),
  text('jobTitle'),
  text('companyName'),
  text('country'),
  text('city'),
  // Entra's name for it is physicalDeliveryOfficeName; Graph's user calls it officeLocation.
  text('physicalDeliveryOfficeName', 'officeLocation'),
  text('officeLocation'),
  text('employeeId'),
  text('employeeType'),
  text('usageLocation'),
  ...extensionAttributeNames.map(
    (name): RuleProperty => ({ name, type: 'string', source: `onPremisesExtensionAttributes.${name}`, read: (subject) => subject.user.onPremisesExtensionAttributes[name] || null }),
  ),
  { name: 'accountEnabled', type: 'boolean', source: 'accountEnabled', read: (subject) => subject.user.accountEnabled },
  { name: 'employeeHireDate', type: 'dateTime', source: 'employeeHireDate', read: (subject) => subject.user.employeeHireDate || null },
  { name: 'otherMails', type: 'stringCollection', source: 'otherMails', read: (subject) => subject.user.otherMails },
  { name: 'proxyAddresses', type: 'stringCollection', source: 'proxyAddresses', read: (subject) => subject.user.proxyAddresses },
  { name: 'memberOf', type: 'groupCollection', source: 'memberOf', read: (subject) => [...subject.memberOf] },
];

const byLowerName = new Map(properties.map((property) => [property.name.toLowerCase(), property]));

export function ruleProperty(name: string): RuleProperty | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** The known name closest to a misspelt one, if one is close enough to be what was meant. */
export function closestPropertyName(name: string): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const property of properties) {
    const distance = editDistance(wanted, property.name.toLowerCase());
    if (!best || distance < best.distance) best = { name: property.name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 4)) ? best.name : undefined;
}

/** Levenshtein distance; both names are short (the rule's length bounds them). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
