// Creating offers. Lever has no API to write offers (reference §2.10: read-only); they are made by the ATS
// pages, seeds and tests. Documents are stored as files of kind `offer` (storeFile: same type and size rules).
import { AppError, Errors } from '@hireloop/platform';
import { OFFER_STATUSES, type OfferStatus } from '@hireloop/lever/wire';
import type { AtsKysely, Row } from '../../db.ts';
import { storeFile } from '../files/file.service.ts';
import { offerFields, type OfferField, type OfferTerms } from './offer-fields.ts';
import { insertOffer, type OfferRow } from './offer.repository.ts';

export interface OfferDocumentInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface CreateOfferInput extends OfferTerms {
  readonly opportunity: Pick<Row<'ats.opportunity'>, 'id' | 'account_id' | 'posting_id'>;
  readonly status?: OfferStatus;
  readonly creatorId?: string | null;
  /** Template fields beyond start date and salary. */
  readonly extraFields?: readonly OfferField[];
  /** Keyed by signer role, e.g. `candidate`. */
  readonly signatures?: Record<string, unknown>;
  readonly approvedAt?: Date | null;
  readonly sentAt?: Date | null;
  readonly signedAt?: Date | null;
  readonly sentDocument?: OfferDocumentInput;
  readonly signedDocument?: OfferDocumentInput;
  readonly createdAt?: Date;
}

export async function createOffer(db: AtsKysely, input: CreateOfferInput): Promise<OfferRow> {
  const status = input.status ?? 'draft';
  if (!(OFFER_STATUSES as readonly string[]).includes(status)) {
    throw new AppError(
      Errors.Validation,
      `Invalid value for status: "${status}" is not one of ${OFFER_STATUSES.join(', ')}`,
    );
  }
  const { opportunity } = input;
  const store = (doc: OfferDocumentInput | undefined) =>
    doc
      ? storeFile(db, {
          accountId: opportunity.account_id,
          opportunityId: opportunity.id,
          kind: 'offer',
          name: doc.name,
          bytes: doc.bytes,
          userId: input.creatorId ?? null,
        })
      : undefined;
  const sent = await store(input.sentDocument);
  const signed = await store(input.signedDocument);
  const at = input.createdAt ?? new Date();
  return insertOffer(db, {
    opportunity_id: opportunity.id,
    posting_id: opportunity.posting_id,
    status,
    creator_id: input.creatorId ?? null,
    fields: JSON.stringify([...offerFields(input), ...(input.extraFields ?? [])]),
    signatures: input.signatures ? JSON.stringify(input.signatures) : null,
    approved_at: input.approvedAt ?? null,
    sent_at: input.sentAt ?? null,
    signed_at: input.signedAt ?? null,
    sent_document_id: sent?.id ?? null,
    signed_document_id: signed?.id ?? null,
    created_at: at,
    updated_at: at,
  });
}
