// ATS user row → Lever user wire shape (reference §2.12).
import type { UserRow } from './user.repository.ts';

export function toLeverUser(u: UserRow) {
  return {
    id: u.id,
    name: u.name,
    username: u.email.split('@')[0] ?? u.email,
    email: u.email,
    accessRole: u.access_role,
    photo: u.photo,
    createdAt: u.created_at.getTime(),
    deactivatedAt: u.deactivated_at ? u.deactivated_at.getTime() : null,
    externalDirectoryId: u.external_directory_id,
    linkedContactIds: null,
    jobTitle: u.job_title,
    managerId: u.manager_id,
  };
}
export type LeverUserWire = ReturnType<typeof toLeverUser>;
