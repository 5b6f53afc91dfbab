// The home page at `/`: what this Hireloop serves, one card per product page a module actually mounts, plus
// the demo mailbox when mail is captured. It is the first page a new user sees after `npm start`.
import type { HomeLink, Http, Runtime } from '@hireloop/platform';
import { card, html, pageHeader, sendPage } from '@hireloop/platform/html';
import type { HireloopModule } from '@hireloop/platform';

export function homeLinks(
  runtime: Runtime,
  modules: readonly HireloopModule[],
  mailbox: boolean,
): HomeLink[] {
  const links = modules.flatMap((m) => m.home?.(runtime) ?? []);
  if (mailbox) {
    links.push({
      title: 'Mailbox',
      href: '/mailbox',
      description: 'Mail the demo would have sent: invitations, magic links, notifications.',
    });
  }
  return links;
}

export function registerHomePage(app: Http, links: readonly HomeLink[]): void {
  app.get('/', async (request, reply) => {
    const body = html`${pageHeader({ title: 'Hireloop', subtitle: 'A Lever-compatible ATS with referrals, careers and onboarding apps — self-hosted.' })}
      <div class="grid">
        ${links.map((l) =>
          card({ title: html`<a href="${l.href}">${l.title}</a>`, body: html`<p>${l.description}</p>` }),
        )}
      </div>`;
    return sendPage(request, reply, { title: 'Home', app: { name: 'Hireloop', href: '/' }, body });
  });
}
