// Offers → Lever wire (reference §2.10). `approved` follows `approvedAt`. Document download URLs name
// which document they serve (`?document=sent|signed`); the bare download URL serves the signed document
// when there is one, else the sent one.
import type { Offer } from '@hireloop/lever/wire';
import type { OfferStatus } from '@hireloop/lever/wire';
import type { OfferRow } from './offer.repository.ts';

export type OfferDocumentInfo = { id: string; name: string; created_at: Date };

export function offerDownloadUrl(publicUrl: string, offer: OfferRow, document?: 'sent' | 'signed'): string {
  const url = `${publicUrl.replace(/\/+$/, '')}/v1/opportunities/${offer.opportunity_id}/offers/${offer.id}/download`;
  return document ? `${url}?document=${document}` : url;
}

export function toLeverOffer(
  publicUrl: string,
  offer: OfferRow,
  documents: ReadonlyMap<string, OfferDocumentInfo>,
): Offer {
  const doc = (fileId: string | null, which: 'sent' | 'signed'): Offer['sentDocument'] => {
    const file = fileId ? documents.get(fileId) : undefined;
    return file
      ? {
          fileName: file.name,
          uploadedAt: file.created_at.getTime(),
          downloadUrl: offerDownloadUrl(publicUrl, offer, which),
        }
      : null;
  };
  return {
    id: offer.id,
    posting: offer.posting_id,
    createdAt: offer.created_at.getTime(),
    status: offer.status as OfferStatus,
    creator: offer.creator_id,
    fields: offer.fields,
    signatures: (offer.signatures ?? {}) as NonNullable<Offer['signatures']>,
    approved: offer.approved_at !== null,
    approvedAt: offer.approved_at?.getTime() ?? null,
    sentAt: offer.sent_at?.getTime() ?? null,
    sentDocument: doc(offer.sent_document_id, 'sent'),
    signedDocument: doc(offer.signed_document_id, 'signed'),
  };
}
