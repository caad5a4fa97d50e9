/** A directory user, in Graph's v1.0 shape. */
export const extensionAttributeNames = [
  'extensionAttribute1', 'extensionAttribute2', 'extensionAttribute3', 'extensionAttribute4', 'extensionAttribute5', 'extensionAttribute6', 'extensionAttribute7', 'extensionAttribute8', 'extensionAttribute9', 'extensionAttribute10', 'extensionAttribute11', 'extensionAttribute12', 'extensionAttribute13', 'extensionAttribute14', 'extensionAttribute15',
] as const;
export type ExtensionAttributeName = (typeof extensionAttributeNames)[number];
export type OnPremisesExtensionAttributes = Record<ExtensionAttributeName, string | null>;

export const userTypes = ['Member', 'Guest'] as const;
export type UserType = (typeof userTypes)[number];

export type User = {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  otherMails: string[];
  proxyAddresses: string[];
  userType: UserType;
  accountEnabled: boolean;
  department: string | null;
  jobTitle: string | null;
  companyName: string | null;
  country: string | null;
  city: string | null;
  officeLocation: string | null;
  employeeId: string | null;
  employeeType: string | null;
  employeeHireDate: string | null;
  usageLocation: string | null;
  onPremisesExtensionAttributes: OnPremisesExtensionAttributes;
  createdDateTime: string;
  deletedDateTime: string | null;
};

/** The properties a client may set; everything else on User is the system's. */
export type UserFields = Omit<User, 'id' | 'createdDateTime' | 'deletedDateTime'>;

export const userPropertyNames = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'otherMails',
  'proxyAddresses',
  'userType',
  'accountEnabled',
  'department',
  'jobTitle',
  'companyName',
  'country',
  'city',
  'officeLocation',
  'employeeId',
  'employeeType',
  'employeeHireDate',
  'usageLocation',
  'onPremisesExtensionAttributes',
  'createdDateTime',
] as const;

export function emptyExtensionAttributes(): OnPremisesExtensionAttributes {
  return Object.fromEntries(extensionAttributeNames.map((name) => [name, null])) as OnPremisesExtensionAttributes;
}

/**
 * A manager chain must not loop back to the user (Entra refuses the same): `chain` is the
 * proposed manager followed by their manager, and so on up.
 */
export function createsManagerCycle(userId: string, chain: readonly string[]): boolean {
  return chain.includes(userId);
}

/** The fields a client may give when creating a user; anything left out takes Graph's default. */
export type NewUserFields = Partial<Omit<UserFields, 'onPremisesExtensionAttributes'>> &
  Pick<UserFields, 'userPrincipalName' | 'displayName'> & {
    onPremisesExtensionAttributes?: Partial<OnPremisesExtensionAttributes>;
  };

export function buildUser(fields: NewUserFields, id: string, now: Date): User {
  return {
    id,
    userPrincipalName: fields.userPrincipalName,
    displayName: fields.displayName,
    givenName: fields.givenName ?? null,
    surname: fields.surname ?? null,
    mail: fields.mail ?? null,
    otherMails: fields.otherMails ?? [],
    proxyAddresses: fields.proxyAddresses ?? [],
    userType: fields.userType ?? 'Member',
    accountEnabled: fields.accountEnabled ?? true,
    department: fields.department ?? null,
    jobTitle: fields.jobTitle ?? null,
    companyName: fields.companyName ?? null,
    country: fields.country ?? null,
    city: fields.city ?? null,
    officeLocation: fields.officeLocation ?? null,
    employeeId: fields.employeeId ?? null,
    employeeType: fields.employeeType ?? null,
    employeeHireDate: toUtc(fields.employeeHireDate ?? null),
    usageLocation: fields.usageLocation ?? null,
    onPremisesExtensionAttributes: mergeExtensionAttributes(emptyExtensionAttributes(), fields.onPremisesExtensionAttributes),
    createdDateTime: now.toISOString(),
    deletedDateTime: null,
  };
}

/** PATCH semantics: a property given (even as null) replaces; one left out stays. */
export function applyUserChanges(user: User, changes: Partial<Omit<NewUserFields, 'onPremisesExtensionAttributes'>> & { onPremisesExtensionAttributes?: Partial<OnPremisesExtensionAttributes> }): User {
  const { onPremisesExtensionAttributes, ...rest } = changes;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (typeof defined.employeeHireDate === 'string') defined.employeeHireDate = toUtc(defined.employeeHireDate);
  return {
    ...user,
    ...defined,
    onPremisesExtensionAttributes: mergeExtensionAttributes(user.onPremisesExtensionAttributes, onPremisesExtensionAttributes),
  };
}

/** The user's properties that an audit entry lists when they change. */
export const auditedUserProperties = userPropertyNames.filter((name) => name !== 'id' && name !== 'createdDateTime');

function mergeExtensionAttributes(base: OnPremisesExtensionAttributes, changes: Partial<OnPremisesExtensionAttributes> | undefined): OnPremisesExtensionAttributes {
  const merged = { ...base };
  for (const name of extensionAttributeNames) {
    const value = changes?.[name];
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

/** Stored times are UTC with milliseconds, so that they compare correctly as text in $filter. */
function toUtc(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
