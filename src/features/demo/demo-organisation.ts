import type { NewUserFields } from '../../domain/user.js';

/**
 * The demo organisation, as plain data: Example Corp with about 200 people in eight departments,
 * each department with a head reporting to the CEO, a few guests from a partner, and the groups
 * the "New hire in IT" package is made of. Deterministic, so screenshots and docs stay true.
 */
const firstNames = ['Ada', 'Ben', 'Cleo', 'Dev', 'Elin', 'Farid', 'Grete', 'Hugo', 'Ines', 'Jonas', 'Kari', 'Liam', 'Maja', 'Nils', 'Olga', 'Per', 'Quinn', 'Rosa', 'Sami', 'Tuva', 'Umar', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zofia'];
const lastNames = ['Andersen', 'Berg', 'Costa', 'Dahl', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ivanova', 'Johansen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Olsen', 'Petrov', 'Rossi', 'Silva', 'Tanaka', 'Urban'];

export const departments = [
  { name: 'IT', jobTitles: ['Systems Engineer', 'Service Desk Analyst', 'Network Engineer', 'Security Analyst'], size: 30, country: 'NO', city: 'Oslo' },
  { name: 'Engineering', jobTitles: ['Software Engineer', 'Senior Software Engineer', 'QA Engineer'], size: 40, country: 'SE', city: 'Stockholm' },
  { name: 'Sales', jobTitles: ['Account Executive', 'Sales Representative'], size: 30, country: 'DK', city: 'Copenhagen' },
  { name: 'Marketing', jobTitles: ['Marketing Specialist', 'Content Writer'], size: 20, country: 'NO', city: 'Bergen' },
  { name: 'Finance', jobTitles: ['Accountant', 'Financial Analyst'], size: 20, country: 'FI', city: 'Helsinki' },
  { name: 'HR', jobTitles: ['HR Partner', 'Recruiter'], size: 15, country: 'NO', city: 'Oslo' },
  { name: 'Operations', jobTitles: ['Operations Coordinator', 'Facilities Manager'], size: 25, country: 'SE', city: 'Gothenburg' },
  { name: 'Legal', jobTitles: ['Legal Counsel', 'Paralegal'], size: 10, country: 'NO', city: 'Oslo' },
] as const;

export type DemoPerson = NewUserFields & { managerPrincipalName: string | null; key: string };

export const administratorPrincipalName = 'admin@example.com';
export const chiefExecutivePrincipalName = 'ceo@example.com';

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '.');
}

export function demoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [
    { key: 'ceo', userPrincipalName: chiefExecutivePrincipalName, displayName: 'Camilla Executive', givenName: 'Camilla', surname: 'Executive', mail: 'ceo@example.com', department: 'Management', jobTitle: 'Chief Executive Officer', country: 'NO', city: 'Oslo', companyName: 'Example Corp', employeeId: 'E0001', employeeType: 'Employee', usageLocation: 'NO', managerPrincipalName: null },
    { key: 'admin', userPrincipalName: administratorPrincipalName, displayName: 'Ada Administrator', givenName: 'Ada', surname: 'Administrator', mail: 'admin@example.com', department: 'IT', jobTitle: 'IT Administrator', country: 'NO', city: 'Oslo', companyName: 'Example Corp', employeeId: 'E0002', employeeType: 'Employee', usageLocation: 'NO', managerPrincipalName: chiefExecutivePrincipalName },
  ];
  let serial = 3;
  let nameIndex = 0;
  for (const department of departments) {
    let headPrincipalName: string | null = null;
    for (let position = 0; position < department.size; position += 1) {
      const givenName = firstNames[nameIndex % firstNames.length]!;
      const surname = lastNames[Math.floor(nameIndex / firstNames.length) % lastNames.length]!;
      nameIndex += 7; // a stride coprime with the name lists spreads the names around
      const userPrincipalName = `${slug(givenName)}.${slug(surname)}${serial}@example.com`;
      const isHead = position === 0;
      people.push({
        key: `${department.name}-${position}`,
        userPrincipalName,
        displayName: `${givenName} ${surname}`,
        givenName,
        surname,
        mail: userPrincipalName,
        department: department.name,
        jobTitle: isHead ? `Head of ${department.name}` : department.jobTitles[position % department.jobTitles.length]!,
        country: department.country,
        city: department.city,
        companyName: 'Example Corp',
        employeeId: `E${String(serial).padStart(4, '0')}`,
        employeeType: position % 9 === 8 ? 'Contractor' : 'Employee',
        employeeHireDate: new Date(Date.UTC(2015 + (serial % 10), serial % 12, 1 + (serial % 27))).toISOString(),
        usageLocation: department.country,
        onPremisesExtensionAttributes: { extensionAttribute1: `CC-${department.name.toUpperCase()}` },
        managerPrincipalName: isHead ? chiefExecutivePrincipalName : headPrincipalName,
      });
      if (isHead) headPrincipalName = userPrincipalName;
      serial += 1;
    }
  }
  const guests = ['Paula Partner', 'Gustav Guest', 'Carla Contractor', 'Victor Vendor', 'Sofia Supplier'];
  guests.forEach((name, index) => {
    const [givenName, surname] = name.split(' ') as [string, string];
    const externalMail = `${slug(givenName)}.${slug(surname)}@partner.example`;
    people.push({
      key: `guest-${index}`,
      userPrincipalName: `${externalMail.replace('@', '_')}#EXT#@example.com`,
      displayName: `${name} (Partner)`,
      givenName,
      surname,
      mail: externalMail,
      userType: 'Guest',
      companyName: 'Partner Ltd',
      managerPrincipalName: null,
    });
  });
  return people;
}

export type DemoGroup = { key: string; displayName: string; description: string; mailNickname: string; memberDepartment?: string; ownerKey: string };

/** The groups of the "New hire in IT" package, the partners' workspace, and one group per department. */
export function demoGroups(): DemoGroup[] {
  return [
    { key: 'it-team', displayName: 'IT Team', description: 'Everyone working in IT', mailNickname: 'it-team', memberDepartment: 'IT', ownerKey: 'admin' },
    { key: 'it-docs', displayName: 'IT Documentation Site', description: 'Readers of the IT documentation site', mailNickname: 'it-docs', ownerKey: 'admin' },
    { key: 'jira', displayName: 'Jira Users', description: 'Access to the Jira application', mailNickname: 'jira-users', ownerKey: 'admin' },
    { key: 'github', displayName: 'GitHub Users', description: 'Members of the GitHub organisation', mailNickname: 'github-users', ownerKey: 'admin' },
    { key: 'intune-admins', displayName: 'Intune Administrators', description: 'Device management administrators', mailNickname: 'intune-admins', ownerKey: 'admin' },
    { key: 'production', displayName: 'Production Servers', description: 'Shell access to the production servers', mailNickname: 'production-servers', ownerKey: 'admin' },
    { key: 'partner-workspace', displayName: 'Partner Project Workspace', description: 'The shared workspace of projects with partner companies', mailNickname: 'partner-workspace', ownerKey: 'admin' },
    ...departments
      .filter((department) => department.name !== 'IT')
      .map((department) => ({
        key: `dept-${department.name}`,
        displayName: `All ${department.name}`,
        description: `Everyone in ${department.name}`,
        mailNickname: `all-${slug(department.name)}`,
        memberDepartment: department.name,
        ownerKey: `${department.name}-0`,
      })),
  ];
}

/**
 * The people the demo's story is told with, by their place in demoPeople(): an IT colleague who
 * asks for access, the security analyst who reviews requests for production first, and the head
 * of IT, who manages everyone in IT and approves second.
 */
export function demoPersonas(): { requester: DemoPerson; securityReviewer: DemoPerson; headOfIt: DemoPerson } {
  const people = new Map(demoPeople().map((person) => [person.key, person]));
  return { requester: people.get('IT-1')!, securityReviewer: people.get('IT-3')!, headOfIt: people.get('IT-0')! };
}
