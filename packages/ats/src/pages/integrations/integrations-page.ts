// Sends one Integrations and API page: the ATS chrome (sendAtsPage), the Settings tabs for this user, and
// the integrations frame around the tab's body. Also turns a refused change (4xx AppError) into a flash.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@hireloop/platform';
import type { FlashProps, HtmlValue } from '@hireloop/platform/html';
import { sendAtsPage } from '../ats-shell.ts';
import { settingsTabs } from '../nav.ts';
import { integrationsFrame, type FrameProps, type IntegrationsTab } from './integrations-frame.ts';

export interface IntegrationsPageProps {
  readonly title: string;
  readonly active: IntegrationsTab;
  readonly body: (csrfToken: string) => HtmlValue;
  readonly flash?: FlashProps | readonly FlashProps[];
  readonly header?: Pick<FrameProps, 'title' | 'subtitle' | 'actions'>;
}

export function sendIntegrationsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  props: IntegrationsPageProps,
  status = 200,
): Promise<FastifyReply> {
  const tabsHtml = settingsTabs(request, 'integrations');
  return sendAtsPage(
    request,
    reply,
    {
      title: `${props.title} · Integrations and API`,
      section: 'settings',
      flash: props.flash,
      body: (csrfToken) =>
        integrationsFrame({
          settingsTabs: tabsHtml,
          active: props.active,
          body: props.body(csrfToken),
          ...props.header,
        }),
    },
    status,
  );
}

/** A refused change (validation, not found, managed elsewhere): its status and message; rethrows 5xx. */
export function refusedChange(e: unknown): { status: number; message: string } {
  if (e instanceof AppError && e.statusCode < 500) return { status: e.statusCode, message: e.message };
  throw e;
}
