// The demo company: Acme Robotics, a warehouse-robotics maker. People (one per access role, all with the
// demo password), offices, departments and teams. Emails use the reserved `.example` domain so nothing is
// ever mailed to a real person.
export const DEMO_SITE = 'acme';
export const DEMO_ACCOUNT_NAME = 'Acme Robotics';
export const DEMO_PASSWORD = 'hireloop-demo';
export const DEMO_EMAIL_DOMAIN = 'acme-robotics.example';

export interface DemoUser {
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly accessRole: 'super admin' | 'admin' | 'team member' | 'limited team member' | 'interviewer';
  readonly jobTitle: string;
  readonly manager?: string;
}

const u = (
  key: string,
  name: string,
  accessRole: DemoUser['accessRole'],
  jobTitle: string,
  manager?: string,
) => ({
  key,
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`,
  accessRole,
  jobTitle,
  manager,
});

/** The first five are the sign-in users printed in the banner, one per role. */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  u('owner', 'Morgan Lee', 'super admin', 'Head of Talent'),
  u('admin', 'Priya Natarajan', 'admin', 'Recruiting Operations Lead', 'owner'),
  u('recruiter', 'Diego Alvarez', 'team member', 'Senior Technical Recruiter', 'owner'),
  u('hm', 'Hannah Schmidt', 'limited team member', 'Engineering Manager, Robotics Software', 'cto'),
  u('interviewer', 'Kwame Mensah', 'interviewer', 'Staff Firmware Engineer', 'hm'),
  u('cto', 'Elena Petrova', 'team member', 'VP Engineering'),
  u('sourcer', 'Jordan Brooks', 'team member', 'Technical Sourcer', 'owner'),
  u('sales', 'Marcus Chen', 'limited team member', 'Director of Sales', 'owner'),
  u('ops', 'Aisha Okafor', 'limited team member', 'Head of Manufacturing', 'owner'),
  u('design', 'Tomás Rivera', 'interviewer', 'Principal Product Designer', 'cto'),
]);

export const DEMO_LOCATIONS: readonly { name: string; country: string | null }[] = Object.freeze([
  { name: 'San Francisco, CA', country: 'US' },
  { name: 'Austin, TX', country: 'US' },
  { name: 'New York, NY', country: 'US' },
  { name: 'London, UK', country: 'GB' },
  { name: 'Berlin, Germany', country: 'DE' },
  { name: 'Remote', country: null },
]);

export const DEMO_DEPARTMENTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  Engineering: ['Robotics Software', 'Firmware', 'Platform', 'Infrastructure'],
  Product: ['Product Management', 'Design'],
  Sales: ['Account Executives', 'Sales Engineering'],
  Operations: ['Manufacturing', 'Supply Chain'],
  People: ['Talent Acquisition'],
  'Customer Success': ['Support', 'Implementation'],
});
