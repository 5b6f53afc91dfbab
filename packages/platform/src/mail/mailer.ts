// Mail goes out through a job: `sendMail(db, …)` writes the message and enqueues `platform.send-mail` in the
// caller's transaction, so a rolled-back change sends nothing. The job delivers by SMTP (SMTP_URL, via
// nodemailer) or, with no SMTP_URL, marks the message captured: it is then read on the mailbox page (/mailbox).
import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { JobDefinition, Queue } from '../queue/queue.ts';
import { findMailById, insertMail, markMail, type MailDb } from './mail.repository.ts';

export const SEND_MAIL_JOB = 'platform.send-mail';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** What kind of mail this is (`referrals.invite`), for the mailbox page and tests; never PII. */
  readonly tag?: string;
}

export interface Mailer {
  readonly mode: 'smtp' | 'captured';
  /** Record and enqueue a message inside the caller's transaction. */
  send(db: Kysely<unknown>, message: MailMessage): Promise<string>;
  readonly job: JobDefinition<{ id: string }>;
  close(): void;
}

export function createMailer(config: Config, queue: Queue, database: Kysely<unknown>): Mailer {
  const db = database as Kysely<MailDb>;
  const transport: Transporter | undefined = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : undefined;
  return {
    mode: transport ? 'smtp' : 'captured',
    async send(db, message) {
      const id = await insertMail(db as Kysely<MailDb>, {
        ...message,
        to: message.to.trim().toLowerCase(),
        from: config.mailFrom,
      });
      await queue.enqueue(db, SEND_MAIL_JOB, { id });
      return id;
    },
    job: {
      name: SEND_MAIL_JOB,
      queue: { retryLimit: 8, retryDelay: 5, retryBackoff: true },
      async handler(job) {
        const mail = await findMailById(db, job.data.id);
        if (!mail || mail.status === 'sent' || mail.status === 'captured') return; // done before (retry after crash)
        if (!transport) {
          await markMail(db, mail.id, { status: 'captured', transport: 'mailbox' });
          return;
        }
        await transport.sendMail({
          from: mail.from_address,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body ?? undefined,
        });
        await markMail(db, mail.id, { status: 'sent', transport: 'smtp' });
      },
    },
    close: () => transport?.close(),
  };
}
