// Creating and changing users (reference §2.12): emails are canonical and unique per account (a duplicate
// is a 409 naming the email), `accessRole` defaults to `interviewer`, a manager must be another user of the
// same account. There is no delete: deactivate/reactivate set and clear `deactivated_at`.
import { AppError, Errors } from '@hireloop/platform';
import { ACCESS_ROLES, type AccessRole } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import { isUuid } from '../../api/query.ts';
import {
  canonicalEmail,
  findUserByEmail,
  findUserById,
  insertUser,
  updateUserRow,
  type UserRow,
} from './user.repository.ts';

export const DEFAULT_ACCESS_ROLE: AccessRole = 'interviewer';

// Deliberately loose (one @, a dot in the domain, no spaces): the address is an identity, not a mailbox check.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UserInput {
  readonly name: string;
  readonly email: string;
  readonly accessRole?: string;
  readonly jobTitle?: string | null;
  readonly managerId?: string | null;
  readonly externalDirectoryId?: string | null;
  readonly passwordHash?: string | null;
}

function invalid(field: string, message: string): AppError {
  return new AppError(Errors.Validation, `Invalid value for ${field}: ${message}`, {
    details: { fields: [{ field, in: 'body', message }] },
  });
}

export function checkEmail(email: string, field = 'email'): string {
  const canonical = canonicalEmail(email);
  if (!EMAIL_RE.test(canonical) || canonical.length > 254) throw invalid(field, 'Email address is not valid');
  return canonical;
}

function checkRole(role: string | undefined): AccessRole | undefined {
  if (role === undefined) return undefined;
  if (!(ACCESS_ROLES as readonly string[]).includes(role)) {
    throw invalid('accessRole', `must be one of: ${ACCESS_ROLES.join(', ')}`);
  }
  return role as AccessRole;
}

async function checkManager(
  db: AtsKysely,
  accountId: string,
  managerId: string | null | undefined,
  self?: string,
) {
  if (managerId === undefined || managerId === null) return;
  const manager =
    isUuid(managerId) && managerId !== self ? await findUserById(db, accountId, managerId) : undefined;
  if (!manager) throw invalid('managerId', 'must be the id of another user of this account');
}

async function checkEmailFree(db: AtsKysely, accountId: string, email: string, self?: string): Promise<void> {
  const holder = await findUserByEmail(db, accountId, email);
  if (holder && holder.id !== self) {
    throw new AppError(Errors.Conflict, `A user with the email ${email} already exists in this account`, {
      details: { email },
    });
  }
}

/** 23505 = unique_violation: a concurrent insert won the race for the email. */
function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === '23505';
}

export async function createUser(db: AtsKysely, accountId: string, input: UserInput): Promise<UserRow> {
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  const email = checkEmail(input.email);
  const accessRole = checkRole(input.accessRole) ?? DEFAULT_ACCESS_ROLE;
  await checkManager(db, accountId, input.managerId);
  await checkEmailFree(db, accountId, email);
  try {
    return await insertUser(db, { accountId, ...input, name, email, accessRole });
  } catch (e) {
    if (isUniqueViolation(e)) await checkEmailFree(db, accountId, email);
    throw e;
  }
}

/**
 * PUT semantics: name and email are required; optional fields left out keep their value (a client that
 * GETs, edits and PUTs the whole object gets the same result as with replace semantics, and a partial body
 * cannot wipe fields by accident).
 */
export async function updateUser(
  db: AtsKysely,
  accountId: string,
  id: string,
  input: UserInput,
): Promise<UserRow | undefined> {
  const existing = isUuid(id) ? await findUserById(db, accountId, id) : undefined;
  if (!existing) return undefined;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  const email = checkEmail(input.email);
  const accessRole = checkRole(input.accessRole);
  await checkManager(db, accountId, input.managerId, id);
  await checkEmailFree(db, accountId, email, id);
  return updateUserRow(db, accountId, id, {
    name,
    email,
    ...(accessRole !== undefined && { access_role: accessRole }),
    ...(input.jobTitle !== undefined && { job_title: input.jobTitle }),
    ...(input.managerId !== undefined && { manager_id: input.managerId }),
    ...(input.externalDirectoryId !== undefined && { external_directory_id: input.externalDirectoryId }),
  });
}

/** Deactivating an already deactivated user keeps the first deactivation time. */
export async function setUserActive(
  db: AtsKysely,
  accountId: string,
  id: string,
  active: boolean,
): Promise<UserRow | undefined> {
  const existing = isUuid(id) ? await findUserById(db, accountId, id) : undefined;
  if (!existing) return undefined;
  if (active === (existing.deactivated_at === null)) return existing;
  return updateUserRow(db, accountId, id, { deactivated_at: active ? null : new Date() });
}
