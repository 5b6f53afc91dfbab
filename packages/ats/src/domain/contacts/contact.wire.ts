// Contact row → Lever contact wire shape (reference §2.4). Here `location` is an object `{name}`; on the
// opportunity it is a plain string.
import type { Contact, Phone } from '@hireloop/lever/wire';
import type { ContactRow } from './contact.repository.ts';

export function toLeverContact(c: ContactRow): Contact {
  return {
    id: c.id,
    name: c.name,
    headline: c.headline,
    isAnonymized: c.is_anonymized,
    location: { name: c.location },
    emails: c.emails,
    phones: c.phones as Phone[],
    dataProtection: null,
  };
}
