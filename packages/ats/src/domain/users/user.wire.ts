// ATS user row → Lever user wire shape (reference §2.12). `username` is the email's local part, as in
// Lever's recorded responses; `linkedContactIds` is not modelled (always null).
import type { AccessRole, User } from '@hireloop/lever/wire';
import type { UserRow } from './user.repository.ts';

export function toLeverUser(u: UserRow): User {
  return {
    id: u.id,
    name: u.name,
    username: u.email.split('@')[0] ?? u.email,
    email: u.email,
    // The column only ever receives ACCESS_ROLES values (user.service.ts checks them).
    accessRole: u.access_role as AccessRole,
    photo: u.photo,
    createdAt: u.created_at.getTime(),
    deactivatedAt: u.deactivated_at ? u.deactivated_at.getTime() : null,
    externalDirectoryId: u.external_directory_id,
    linkedContactIds: null,
    jobTitle: u.job_title,
    managerId: u.manager_id,
  };
}
export type LeverUserWire = User;
