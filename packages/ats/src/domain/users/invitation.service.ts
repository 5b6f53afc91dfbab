// Invitation links: an Admin invites a person by email (a user with a role and no password is created, and
// a mail with a single-use set-password link is queued in the same transaction — a rolled-back invite
// sends nothing). The link's token is 32 random bytes (base64url); only its SHA-256 is stored; it expires
// after INVITATION_TTL_MS, and setting the password, re-inviting or deactivating the user ends it.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, Errors, type Mailer } from '@hireloop/platform';
import { hashPassword } from '@hireloop/platform/passwords';
import type { AtsKysely } from '../../db.ts';
import { findUserById, updateUserRow, type UserRow } from './user.repository.ts';
import {
  endOpenInvitations,
  findInvitationByHash,
  insertInvitation,
  useInvitation,
} from './invitation.repository.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const MIN_PASSWORD_LENGTH = 10;
export const SET_PASSWORD_PATH = '/ats/set-password';

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

export function setPasswordUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${SET_PASSWORD_PATH}?${new URLSearchParams({ token })}`;
}

/** A new link for the user (earlier open links end); returns the token, which is shown nowhere else. */
export async function issueInvitation(
  db: AtsKysely,
  user: UserRow,
  invitedBy: string | null,
  now = new Date(),
): Promise<string> {
  await endOpenInvitations(db, user.id, now);
  const token = randomBytes(32).toString('base64url');
  await insertInvitation(db, {
    account_id: user.account_id,
    user_id: user.id,
    token_hash: sha256(token),
    invited_by: invitedBy,
    created_at: now,
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
  });
  return token;
}

export async function sendInvitationMail(
  db: AtsKysely,
  mailer: Mailer,
  input: { user: UserRow; accountName: string; inviterName: string; link: string },
): Promise<void> {
  await mailer.send(db as unknown as Kysely<unknown>, {
    to: input.user.email,
    subject: `${input.inviterName} invited you to ${input.accountName} on Hireloop`,
    tag: 'ats.invite',
    text: [
      `Hello ${input.user.name},`,
      '',
      `${input.inviterName} invited you to the ${input.accountName} ATS as ${input.user.access_role}.`,
      'Choose your password here (the link works once and expires in 7 days):',
      '',
      input.link,
      '',
      'If you did not expect this, ignore this message.',
    ].join('\n'),
  });
}

const invalidLink = (): AppError =>
  new AppError(
    Errors.NotFound,
    'This link is not valid any more: it was already used, replaced by a newer invitation, or it expired. Ask an admin to send a new one.',
  );

/** The user a link is for, if the link is open and the user active; else a 404 that says why. */
export async function findInvitedUser(
  db: AtsKysely,
  token: string,
  now = new Date(),
): Promise<{ invitationId: string; user: UserRow }> {
  const invitation = token ? await findInvitationByHash(db, sha256(token)) : undefined;
  if (!invitation || invitation.used_at || invitation.expires_at <= now) throw invalidLink();
  const user = await findUserById(db, invitation.account_id, invitation.user_id);
  if (!user || user.deactivated_at) throw invalidLink();
  return { invitationId: invitation.id, user };
}

export function checkNewPassword(password: string, confirm: string): void {
  const field = (name: string, message: string) =>
    new AppError(Errors.Validation, message, { details: { fields: [{ field: name, in: 'body', message }] } });
  if (password.length < MIN_PASSWORD_LENGTH)
    throw field('password', `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > 1000) throw field('password', 'Use at most 1000 characters.');
  if (password !== confirm) throw field('confirm', 'The two passwords are not the same.');
}

/** Uses the link and sets the password (in the caller's transaction). */
export async function setPasswordWithInvitation(
  db: AtsKysely,
  token: string,
  password: string,
  now = new Date(),
): Promise<UserRow> {
  const { invitationId, user } = await findInvitedUser(db, token, now);
  if (!(await useInvitation(db, invitationId, now))) throw invalidLink();
  await endOpenInvitations(db, user.id, now);
  const updated = await updateUserRow(db, user.account_id, user.id, {
    password_hash: await hashPassword(password),
  });
  return updated ?? user;
}
