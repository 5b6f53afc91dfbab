// The home page at `/`: what this Hireloop serves, one card per product page a module actually mounts, plus
// the demo mailbox when mail is captured. It is the first page a new user sees after `npm start`.
import type { HomeLink, Http, Runtime } from '@hireloop/platform';
import { card, html, pageHeader, sendPage } from '@hireloop/platform/html';
import type { HireloopModule } from '@hireloop/platform';

export async function homeLinks(
  runtime: Runtime,
  modules: readonly HireloopModule[],
  mailbox: boolean,
): Promise<HomeLink[]> {
  const links = (await Promise.all(modules.map(async (m) => (await m.home?.(runtime)) ?? []))).flat();
  if (mailbox) {
    links.push({
      title: 'Mailbox',
      href: '/mailbox',
      description: 'Mail the demo would have sent: invitations, magic links, notifications.',
    });
  }
  return links;
}

/** Links are asked for on every visit, so a tenant seeded after start-up shows up without a restart. */
export function registerHomePage(app: Http, links: () => Promise<readonly HomeLink[]>): void {
  app.get('/', async (request, reply) => {
    const entries = await links();
    const body = html`${pageHeader({ title: 'Hireloop', subtitle: 'A Lever-compatible ATS with referrals, careers and onboarding apps — self-hosted.' })}
      <div class="grid">
        ${entries.map((l) =>
          card({ title: html`<a href="${l.href}">${l.title}</a>`, body: html`<p>${l.description}</p>` }),
        )}
      </div>`;
    return sendPage(request, reply, { title: 'Home', app: { name: 'Hireloop', href: '/' }, body });
  });
}
