// Referrals (reference §2.9) and offers (§2.10): read-only in Lever's API. Offers also serve their sent or
// signed document as raw bytes (`offers:download`).
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { ListEnvelope, Offer, Referral, SingleEnvelope } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { findFileById, readFileBytes } from '../../../domain/files/file.repository.ts';
import { findOffer, findOfferDocuments, listOffers } from '../../../domain/offers/offer.repository.ts';
import { toLeverOffer, type OfferDocumentInfo } from '../../../domain/offers/offer.wire.ts';
import { findReferral, listReferrals } from '../../../domain/referrals/referral.repository.ts';
import { toLeverReferral } from '../../../domain/referrals/referral.wire.ts';
import { page } from '../../pagination.ts';
import { Limit, Offset, parseEnum, parseLimit } from '../../query.ts';
import {
  OpportunityParams,
  RecordParams,
  createdKey,
  keysetAfter,
  notFound,
  principalOf,
  recordId,
  sendDownload,
  visibleOpportunityOr404,
} from './records-common.ts';

const ListQuery = Type.Object({ limit: Limit, offset: Offset });

export function registerReferralRoutes(app: Http, ctx: AtsContext): void {
  const { db } = ctx;
  app.get(
    '/opportunities/:id/referrals',
    {
      config: { permission: 'referrals:list' },
      schema: {
        params: OpportunityParams,
        querystring: ListQuery,
        response: { 200: ListEnvelope(Referral) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const limit = parseLimit(request.query.limit);
      const after = keysetAfter('referrals', request.query.offset);
      const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
      return page(
        await listReferrals(db, { opportunityId: opportunity.id, after, limit }),
        limit,
        'referrals',
        createdKey,
        toLeverReferral,
      );
    },
  );
  app.get(
    '/opportunities/:id/referrals/:rid',
    {
      config: { permission: 'referrals:read' },
      schema: { params: RecordParams, response: { 200: SingleEnvelope(Referral) } },
    },
    async (request) => {
      const opportunity = await visibleOpportunityOr404(db, principalOf(request), request.params.id);
      const referral = await findReferral(db, opportunity.id, recordId(request.params.rid, 'referral'));
      if (!referral) throw notFound('referral');
      return { data: toLeverReferral(referral) };
    },
  );
}

export function registerOfferRoutes(app: Http, ctx: AtsContext): void {
  const { db, publicUrl } = ctx;
  app.get(
    '/opportunities/:id/offers',
    {
      config: { permission: 'offers:list' },
      schema: { params: OpportunityParams, querystring: ListQuery, response: { 200: ListEnvelope(Offer) } },
    },
    async (request) => {
      const principal = principalOf(request);
      const limit = parseLimit(request.query.limit);
      const after = keysetAfter('offers', request.query.offset);
      const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
      const rows = await listOffers(db, { opportunityId: opportunity.id, after, limit });
      const docIds = rows
        .flatMap((o) => [o.sent_document_id, o.signed_document_id])
        .filter((x): x is string => x !== null);
      const documents = new Map<string, OfferDocumentInfo>(
        (await findOfferDocuments(db, docIds)).map((d) => [d.id, d]),
      );
      return page(rows, limit, 'offers', createdKey, (o) => toLeverOffer(publicUrl, o, documents));
    },
  );
  app.get(
    '/opportunities/:id/offers/:rid/download',
    {
      config: { permission: 'offers:download' },
      schema: {
        params: RecordParams,
        querystring: Type.Object({ document: Type.Optional(Type.Array(Type.String())) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const which = parseEnum('document', request.query.document, ['sent', 'signed'] as const)?.[0];
      const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
      const offer = await findOffer(db, opportunity.id, recordId(request.params.rid, 'offer'));
      if (!offer) throw notFound('offer');
      // Without `document`, the latest: the signed document when there is one, else the sent one.
      const fileId =
        which === 'sent'
          ? offer.sent_document_id
          : which === 'signed'
            ? offer.signed_document_id
            : (offer.signed_document_id ?? offer.sent_document_id);
      const file = fileId ? await findFileById(db, principal.accountId, fileId) : undefined;
      const bytes = file ? await readFileBytes(db, file.id) : undefined;
      if (!file || !bytes) throw new AppError(Errors.NotFound, 'This offer has no document to download');
      return sendDownload(reply, file, bytes);
    },
  );
}
