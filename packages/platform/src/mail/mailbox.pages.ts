// The demo mailbox: with no SMTP_URL, mail is captured in platform.mail_message instead of sent, and read
// here — how a person trying the demo "receives" invitations, magic links and notifications. Mounted only in
// captured mode outside production (a mailbox open to anyone would leak sign-in links), and labelled as such.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { AppError, Errors } from '../errors.ts';
import {
  badge,
  card,
  definitionList,
  emptyState,
  flash,
  html,
  pageHeader,
  path,
  sendPage,
  table,
  url,
} from '../html/index.ts';
import { findMailById, listMail, type MailDb, type MailRow } from './mail.repository.ts';

const APP = { name: 'Mailbox', href: '/mailbox' };
const NOTICE = flash({
  tone: 'info',
  message:
    'Development mailbox: Hireloop is not sending email (SMTP_URL is not set), so every message is kept here instead. Set SMTP_URL to deliver real mail.',
});

const statusBadge = (m: MailRow) =>
  m.status === 'captured'
    ? badge({ label: 'captured', tone: 'info' })
    : m.status === 'queued'
      ? badge({ label: 'queued', tone: 'neutral' })
      : m.status === 'sent'
        ? badge({ label: 'sent', tone: 'success' })
        : badge({ label: m.status, tone: 'danger' });

export function registerMailboxPages(app: FastifyInstance, db: Kysely<unknown>): void {
  const mail = db as Kysely<MailDb>;

  app.get(
    '/mailbox',
    { schema: { querystring: Type.Object({ to: Type.Optional(Type.String({ maxLength: 320 })) }) } },
    async (request, reply) => {
      const { to } = request.query as { to?: string };
      const rows = await listMail(mail, { to: to?.trim() || undefined, limit: 200 });
      const body = html`${pageHeader({ title: 'Mailbox', subtitle: to ? `Messages to ${to}` : 'Every message Hireloop would have sent, newest first' })}
        ${NOTICE}
        <form class="filters" method="get" action="/mailbox" role="search">
          <label for="mailbox-to">Recipient</label>
          <input
            class="input"
            id="mailbox-to"
            name="to"
            type="email"
            value="${to ?? ''}"
            placeholder="name@example.com"
          />
          <button class="btn btn--secondary" type="submit">Filter</button>
          ${to ? html`<a class="btn btn--ghost" href="/mailbox">Show all</a>` : ''}
        </form>
        ${table({
          caption: 'Messages',
          captionHidden: true,
          rows,
          empty: emptyState({
            title: 'No mail yet',
            message: 'Invitations, magic links and notifications will appear here.',
          }),
          columns: [
            {
              header: 'Subject',
              rowHeader: true,
              cell: (m) => html`<a href="${path`/mailbox/${m.id}`}">${m.subject}</a>`,
            },
            {
              header: 'To',
              cell: (m) => html`<a href="${url('/mailbox', { to: m.to_address })}">${m.to_address}</a>`,
            },
            { header: 'Kind', cell: (m) => m.tag ?? '—' },
            { header: 'Status', cell: statusBadge },
            {
              header: 'Received',
              align: 'end',
              cell: (m) =>
                html`<time datetime="${m.created_at.toISOString()}"
                  >${m.created_at.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time
                >`,
            },
          ],
        })}`;
      return sendPage(request, reply, { title: 'Mailbox', app: APP, body });
    },
  );

  app.get(
    '/mailbox/:id',
    { schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const m = await findMailById(mail, id);
      if (!m) throw new AppError(Errors.NotFound, 'That message is not in the mailbox');
      // The HTML part is shown as text: mail bodies are untrusted here, and links in the text part are enough.
      const body = html`${pageHeader({ title: m.subject, breadcrumbs: [{ label: 'Mailbox', href: '/mailbox' }] })}
      ${NOTICE}
      ${card({
        body: html`${definitionList({
            items: [
              { term: 'From', description: m.from_address },
              { term: 'To', description: m.to_address },
              {
                term: 'Received',
                description: `${m.created_at.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
              },
              { term: 'Status', description: statusBadge(m) },
            ],
          })}
          <pre class="mail-body">${linkify(m.text_body)}</pre>`,
      })}`;
      return sendPage(request, reply, { title: m.subject, app: APP, body });
    },
  );
}

/** Turns http(s) URLs in a plain-text body into links (the rest stays escaped text). */
function linkify(text: string) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return parts.map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part));
}
