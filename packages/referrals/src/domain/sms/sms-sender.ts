// Texts to candidates go through an SmsSender. The default keeps them in referrals.sms_message ("captured",
// like the mailbox for mail) and admins read them on the SMS outbox page; a real provider (Twilio, …)
// implements the same interface — record the message in the caller's transaction, deliver from a job —
// and is passed as `createReferralsModule({ sms })`.
import type { ReferralsKysely } from '../../db.ts';

export interface SmsMessage {
  readonly organizationId: string;
  /** E.164 or as typed by the referrer; a provider normalizes it. */
  readonly to: string;
  readonly body: string;
  /** What kind of text (`referrals.candidate-invitation`), never PII. */
  readonly tag: string;
  readonly referralId?: string | null;
}

export interface SmsSender {
  readonly mode: 'captured' | 'provider';
  /** Records (and, for a provider, enqueues) the text inside the caller's transaction. */
  send(db: ReferralsKysely, message: SmsMessage): Promise<string>;
}

export const capturedSmsSender: SmsSender = {
  mode: 'captured',
  async send(db, message) {
    const row = await db
      .insertInto('referrals.sms_message')
      .values({
        organization_id: message.organizationId,
        to_phone: message.to.trim(),
        body: message.body,
        tag: message.tag,
        referral_id: message.referralId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
};

export async function listSms(db: ReferralsKysely, organizationId: string, limit = 100) {
  return db
    .selectFrom('referrals.sms_message')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
