// GET/PUT /contacts/:id (reference §2.4). A contact is visible through a visible opportunity only; its
// `location` is an object `{name}` here (a string on the opportunity).
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { Contact, ContactUpdate, SingleEnvelope } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { findContact } from '../../../domain/contacts/contact.repository.ts';
import { updateContact } from '../../../domain/contacts/contact.service.ts';
import { toLeverContact } from '../../../domain/contacts/contact.wire.ts';
import { findVisibleContactId } from '../../../domain/opportunities/visibility.ts';
import { principalOf } from './opportunity-route-support.ts';

const TAGS = ['Contacts'];
const Params = Type.Object({ id: Type.String({ description: 'Contact id (UUID)' }) });
const notFound = () => new AppError(Errors.NotFound, 'That contact does not exist on your account');

export async function registerContactRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;

  app.get(
    '/contacts/:id',
    {
      config: { permission: 'contacts:read' },
      schema: {
        tags: TAGS,
        summary: 'Get a contact',
        params: Params,
        response: { 200: SingleEnvelope(Contact) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const id = await findVisibleContactId(db, principal, request.params.id.toLowerCase());
      const contact = id ? await findContact(db, principal.accountId, id) : undefined;
      if (!contact) throw notFound();
      return { data: toLeverContact(contact) };
    },
  );

  app.put(
    '/contacts/:id',
    {
      config: { permission: 'contacts:update' },
      schema: {
        tags: TAGS,
        summary: 'Update a contact',
        params: Params,
        body: ContactUpdate,
        response: { 200: SingleEnvelope(Contact) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const contact = await db
        .transaction()
        .execute((trx) =>
          updateContact(trx, ctx.events, principal, request.params.id.toLowerCase(), request.body),
        );
      return { data: toLeverContact(contact) };
    },
  );
}
