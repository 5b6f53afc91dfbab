// The frame of the three Integrations and API tabs: page header, the Settings tabs (passed in, they depend
// on the request), and the tab bar of real URLs (api-keys, webhooks, apps), so each tab can be linked,
// reloaded and opened without script. Pure.
import { html, pageHeader, tabs, type HtmlValue, type SafeHtml } from '@hireloop/platform/html';

export const INTEGRATIONS_PATH = '/ats/settings/integrations';
export const API_KEYS_PATH = `${INTEGRATIONS_PATH}/api-keys`;
export const WEBHOOKS_PATH = `${INTEGRATIONS_PATH}/webhooks`;
export const DELIVERIES_PATH = `${WEBHOOKS_PATH}/deliveries`;
export const APPS_PATH = `${INTEGRATIONS_PATH}/apps`;

export type IntegrationsTab = 'api-keys' | 'webhooks' | 'apps';

const TABS: readonly { key: IntegrationsTab; label: string; href: string }[] = [
  { key: 'api-keys', label: 'API Credentials', href: API_KEYS_PATH },
  { key: 'webhooks', label: 'Webhooks', href: WEBHOOKS_PATH },
  { key: 'apps', label: 'Authorized Apps', href: APPS_PATH },
];

export interface FrameProps {
  readonly settingsTabs: HtmlValue;
  readonly active: IntegrationsTab;
  readonly body: HtmlValue;
  readonly title?: HtmlValue;
  readonly subtitle?: HtmlValue;
  readonly actions?: HtmlValue;
}

export function integrationsFrame(p: FrameProps): SafeHtml {
  return html`${p.settingsTabs}${pageHeader({
    title: p.title ?? 'Integrations and API',
    subtitle:
      p.subtitle ??
      'API keys for integrations, webhooks that tell other systems about changes, and the apps you signed in to with this account.',
    actions: p.actions,
  })}${tabs({
    label: 'Integrations and API sections',
    items: TABS.map((t) => ({ label: t.label, href: t.href, active: t.key === p.active })),
  })}
    <div class="stack">${p.body}</div>`;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "12 Mar 2025, 14:05 UTC" in a <time> element; "Never" for null. */
export function when(date: Date | null | undefined, never = 'Never'): SafeHtml {
  if (!date) return html`<span class="muted">${never}</span>`;
  return html`<time datetime="${date.toISOString()}">${DATE_TIME.format(date)} UTC</time>`;
}
