// Users of the Lever account (reference §2.12). No delete endpoint; deactivate/reactivate instead.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { AccessRole } from './enums.ts';

export const User = Type.Object({
  id: Id,
  name: Type.String(),
  /** Email local part (§2.12). */
  username: Type.String(),
  email: Type.String(),
  accessRole: AccessRole,
  photo: Nullable(Type.String()),
  createdAt: Timestamp,
  deactivatedAt: Nullable(Timestamp),
  externalDirectoryId: Nullable(Type.String()),
  linkedContactIds: Nullable(Type.Array(Id)),
  jobTitle: Nullable(Type.String()),
  managerId: Nullable(Id),
});
export type User = Static<typeof User>;

/** `POST /users` (→ 201; `accessRole` defaults to `interviewer`) and `PUT /users/:id` (→ 200). */
export const UserWrite = Type.Object({
  name: Type.String({ minLength: 1 }),
  email: Type.String({ minLength: 3 }),
  accessRole: Type.Optional(AccessRole),
  externalDirectoryId: Type.Optional(Type.String()),
  jobTitle: Type.Optional(Type.String()),
  managerId: Type.Optional(Id),
});
export type UserWrite = Static<typeof UserWrite>;

/** `GET /users` query: active users only unless `includeDeactivated` (§2.12; filters other than email [L]). */
export interface ListUsersQuery {
  email?: string;
  includeDeactivated?: boolean;
  accessRole?: AccessRole;
  external_directory_id?: string;
  limit?: number;
}
