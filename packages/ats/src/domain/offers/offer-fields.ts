// Offer field vocabulary (reference §2.10). Lever's offer fields are template-driven; the identifiers below
// are the ones clients look for ([L], from memory of Lever's docs — see packages/ats/README.md). Dates are
// milliseconds; money is a number plus currency and interval fields.
import type { Offer } from '@hireloop/lever/wire';

/** The identifier of the start date field; the onboarding app reads the hire's start date from it. */
export const OFFER_START_DATE_IDENTIFIER = 'anticipated_start_date';
export const OFFER_SALARY_AMOUNT_IDENTIFIER = 'salary_amount';
export const OFFER_SALARY_CURRENCY_IDENTIFIER = 'salary_currency';
export const OFFER_SALARY_INTERVAL_IDENTIFIER = 'salary_interval';

export type OfferField = Offer['fields'][number];

export interface OfferTerms {
  readonly startDate?: Date;
  readonly salary?: { readonly amount: number; readonly currency?: string; readonly interval?: string };
}

/** The default template's fields for the given terms (extra template fields are appended by the caller). */
export function offerFields(terms: OfferTerms): OfferField[] {
  const fields: OfferField[] = [];
  if (terms.startDate) {
    fields.push({
      text: 'Anticipated start date',
      identifier: OFFER_START_DATE_IDENTIFIER,
      value: terms.startDate.getTime(),
    });
  }
  if (terms.salary) {
    fields.push({ text: 'Salary', identifier: OFFER_SALARY_AMOUNT_IDENTIFIER, value: terms.salary.amount });
    if (terms.salary.currency)
      fields.push({
        text: 'Salary currency',
        identifier: OFFER_SALARY_CURRENCY_IDENTIFIER,
        value: terms.salary.currency,
      });
    if (terms.salary.interval)
      fields.push({
        text: 'Salary interval',
        identifier: OFFER_SALARY_INTERVAL_IDENTIFIER,
        value: terms.salary.interval,
      });
  }
  return fields;
}
