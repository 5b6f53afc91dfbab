// The profile's read-only sections: contact details, notes (referral endorsements are notes and show
// here), resumes and files (download links to the page route, which re-checks visibility), referral
// forms, offers with the start date, and the history timeline. Pure functions of the loaded profile.
import { definitionList, html, path, type HtmlValue, type SafeHtml } from '@hireloop/platform/html';
import type { FileRow } from '../../domain/files/file.repository.ts';
import { OFFER_START_DATE_IDENTIFIER } from '../../domain/offers/offer-fields.ts';
import { formatDate, formatDateTime } from '../pipeline/pipeline.page.ts';
import type { CandidateProfile } from './candidate-profile.repository.ts';
import type { HistoryItem } from './candidate-history.ts';

const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

const lines = (values: readonly HtmlValue[]): HtmlValue =>
  values.length ? html`${values.map((v, i) => html`${i ? html`<br />` : ''}${v}`)}` : '';

export function contactDetails(p: CandidateProfile): SafeHtml {
  const o = p.opportunity;
  return definitionList({
    items: [
      {
        term: 'Emails',
        description: lines(o.contact_emails.map((e) => html`<a href="mailto:${e}">${e}</a>`)),
      },
      {
        term: 'Phones',
        description: lines(o.contact_phones.map((ph) => `${ph.value}${ph.type ? ` (${ph.type})` : ''}`)),
      },
      { term: 'Location', description: o.contact_location || o.opportunity_location || '' },
      {
        term: 'Links',
        description: lines(o.links.map((l) => html`<a href="${l}" rel="noopener noreferrer">${l}</a>`)),
      },
      { term: 'Origin', description: o.origin },
      { term: 'Owner', description: (o.owner_id && p.users.get(o.owner_id)) || '' },
      { term: 'Added', description: formatDate(o.created_at) },
    ],
  });
}

export function notesList(p: CandidateProfile): SafeHtml {
  if (p.notes.length === 0) return html`<p class="muted">No notes yet.</p>`;
  const author = (id: string | null): string => (id && p.users.get(id)) || 'Someone outside the team';
  return html`<ol class="note-list">
    ${p.notes.map((n) => {
      const comments = p.comments.filter((c) => c.note_id === n.id);
      return html`<li class="note">
        <article aria-label="Note by ${author(n.user_id)}">
          <p class="cell-sub">
            ${author(n.user_id)} · ${formatDate(n.created_at)}${n.secret ? ' · secret' : ''}
          </p>
          <p class="mail-body">${n.value}</p>
          ${comments.map(
            (c) =>
              html`<p class="mail-body note__comment">
                <span class="cell-sub">${author(c.user_id)} · ${formatDate(c.created_at)}</span>${c.value}
              </p>`,
          )}
        </article>
      </li>`;
    })}
  </ol>`;
}

const KB = 1024;
const size = (bytes: number): string =>
  bytes >= KB * KB ? `${(bytes / KB / KB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / KB))} KB`;

function fileLinks(p: CandidateProfile, files: readonly FileRow[], none: string): SafeHtml {
  if (files.length === 0) return html`<p class="muted">${none}</p>`;
  return html`<ul class="file-list">
    ${files.map(
      (f) =>
        html`<li>
          <a href="${path`/ats/candidates/${p.opportunity.id}/files/${f.id}`}" download>${f.name}</a>
          <span class="cell-sub">${size(f.size)} · ${formatDate(f.created_at)}</span>
        </li>`,
    )}
  </ul>`;
}

export function filesSection(p: CandidateProfile): SafeHtml {
  return html`<h3 class="section-title">Resumes</h3>
    ${fileLinks(p, p.resumes, 'No resume.')}
    <h3 class="section-title">Files</h3>
    ${fileLinks(p, p.files, 'No files.')}`;
}

interface FormField {
  text?: string;
  value?: unknown;
}

export function referralsSection(p: CandidateProfile): SafeHtml {
  if (p.referrals.length === 0) return html`<p class="muted">Not referred.</p>`;
  return html`${p.referrals.map((r) => {
    const fields = (r.fields as FormField[]).filter((f) => f.value !== '' && f.value != null);
    return definitionList({
      items: [
        { term: 'Referred by', description: (r.referrer_id && p.users.get(r.referrer_id)) || '' },
        { term: 'Referred on', description: formatDate(r.created_at) },
        ...fields.map((f) => ({ term: f.text ?? 'Answer', description: String(f.value) })),
      ],
    });
  })}`;
}

export function offersSection(p: CandidateProfile): SafeHtml {
  if (p.offers.length === 0) return html`<p class="muted">No offer yet.</p>`;
  return html`${p.offers.map((o) => {
    const fields = o.fields.map((f) => ({
      term: f.text,
      description:
        f.identifier === OFFER_START_DATE_IDENTIFIER && typeof f.value === 'number'
          ? html`<time datetime="${new Date(f.value).toISOString().slice(0, 10)}"
              >${DAY.format(new Date(f.value))}</time
            >`
          : String(f.value ?? ''),
    }));
    const docs = [o.sent_document_id, o.signed_document_id]
      .map((id) => (id ? p.offerDocuments.get(id) : undefined))
      .filter((d): d is { id: string; name: string } => Boolean(d));
    return definitionList({
      items: [
        { term: 'Status', description: o.status },
        { term: 'Posting', description: (o.posting_id && p.postings.get(o.posting_id)) || '' },
        ...fields,
        {
          term: 'Documents',
          description: lines(
            docs.map(
              (d) =>
                html`<a href="${path`/ats/candidates/${p.opportunity.id}/files/${d.id}`}" download
                  >${d.name}</a
                >`,
            ),
          ),
        },
      ],
    });
  })}`;
}

export function historyList(items: readonly HistoryItem[]): SafeHtml {
  if (items.length === 0) return html`<p class="muted">Nothing has happened yet.</p>`;
  return html`<ol class="timeline">
    ${items.map(
      (i) =>
        html`<li class="timeline__item"><span class="cell-sub">${formatDateTime(i.at)}</span> ${i.text}</li>`,
    )}
  </ol>`;
}
