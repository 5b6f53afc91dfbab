// The candidate profile (/ats/candidates/:id): who they are and every action on them, in cards.
import { card, html, pageHeader, type SafeHtml } from '@hireloop/platform/html';
import { PIPELINE_PATH } from '../pipeline/pipeline-query.ts';
import { buildHistory } from './candidate-history.ts';
import { archiveForm, labelsForm, noteForm, stageForm, type FormContext } from './candidate-forms.ts';
import {
  contactDetails,
  filesSection,
  historyList,
  notesList,
  offersSection,
  referralsSection,
} from './candidate-records.ts';

export function candidatePage(c: FormContext): SafeHtml {
  const o = c.profile.opportunity;
  const name = o.contact_name || 'Unnamed candidate';
  const subtitle = [o.contact_headline, c.profile.postingTitle ? `Applied to ${c.profile.postingTitle}` : '']
    .filter(Boolean)
    .join(' · ');
  return html`${pageHeader({
      title: name,
      subtitle: subtitle || undefined,
      breadcrumbs: [{ label: 'Candidates', href: PIPELINE_PATH }],
    })}
    <div class="grid">
      ${card({ title: 'Contact', body: contactDetails(c.profile) })}
      ${card({ title: 'Stage', body: stageForm(c) })} ${card({ title: 'Archive', body: archiveForm(c) })}
      ${card({ title: 'Tags', body: labelsForm(c, 'tags') })}
      ${card({ title: 'Sources', body: labelsForm(c, 'sources') })}
      ${card({ title: 'Referral', body: referralsSection(c.profile) })}
      ${card({ title: 'Offer', body: offersSection(c.profile) })}
      ${card({ title: 'Resumes and files', body: filesSection(c.profile) })}
      ${card({ title: 'Notes', body: html`${noteForm(c)}${notesList(c.profile)}` })}
      ${card({ title: 'History', body: historyList(buildHistory(c.profile)) })}
    </div>`;
}
