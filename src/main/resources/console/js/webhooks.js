// Failed webhook deliveries (SPEC §8.6), for a key with `operate`, when the hub has webhooks: the view stays hidden
// while GET /webhooks/deliveries answers 404 (a hub without them) or 403. "Send again" queues one for its endpoint
// (POST /webhooks/deliveries/{id}/retry): it leaves the list, and comes back if that try fails too.

import { el, fill, sync, time, refundLink, badge } from './dom.js';
import { get, post, segment, HubError } from './api.js';

export function webhooksView(ctx) {
  const list = document.getElementById('webhook-list');
  const summary = document.getElementById('webhooks-summary');

  const last = (d) => (Array.isArray(d.attempts) && d.attempts.length ? d.attempts[d.attempts.length - 1] : null);

  function update(item, d) {
    const seen = JSON.stringify(d);
    if (item.seen === seen) {
      return;
    }
    item.seen = seen;
    const attempt = last(d);
    fill(item,
      el('h3', {}, `Delivery ${d.id} `, d.status ? badge(d.status) : ''),
      el('dl', { class: 'facts' },
        d.webhook ? el('div', {}, el('dt', { text: 'Webhook' }), el('dd', { text: d.webhook })) : null,
        d.refundId ? el('div', {}, el('dt', { text: 'Refund' }), el('dd', {}, refundLink(d.refundId))) : null,
        d.eventId ? el('div', {}, el('dt', { text: 'Event' }), el('dd', { text: d.eventId })) : null,
        el('div', {}, el('dt', { text: 'Attempts' }), el('dd', { text: Array.isArray(d.attempts) ? d.attempts.length : (d.attempts ?? '') })),
        attempt ? el('div', {}, el('dt', { text: 'Last attempt' }), el('dd', {}, time(attempt.at), ' ',
          attempt.httpStatus ? `HTTP ${attempt.httpStatus}` : '', attempt.error ? ` ${attempt.error}` : '')) : null),
      el('div', { class: 'actions' }, sendAgain(d)));
  }

  function sendAgain(d) {
    const message = el('span', { class: 'muted', role: 'status', 'data-testid': 'webhook-retry-message' });
    const button = el('button', { type: 'button', 'data-testid': 'webhook-retry', text: 'Send again',
      'aria-label': `Send delivery ${d.id} again` });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await post(`webhooks/deliveries/${segment(String(d.id))}/retry`);
        message.textContent = 'Queued: it is sent again now.';
        ctx.refreshNow();
      } catch (e) {
        message.textContent = e.message;
        button.disabled = false;
      }
    });
    return [button, ' ', message];
  }

  return {
    /** Whether this hub has webhook deliveries this key may list. */
    async available() {
      try {
        await get('webhooks/deliveries', { status: 'FAILED', limit: 1 });
        return true;
      } catch (e) {
        if (e instanceof HubError && (e.status === 404 || e.status === 403)) {
          return false;
        }
        throw e;
      }
    },
    async refresh() {
      const page = await get('webhooks/deliveries', { status: 'FAILED', limit: 50 });
      const deliveries = page.deliveries || [];
      sync(list, deliveries, (d) => String(d.id), () => el('li', { class: 'card', 'data-testid': 'webhook-row' }), update);
      summary.textContent = deliveries.length ? `${deliveries.length}${page.next ? '+' : ''} failed.` : 'No failed delivery.';
    },
    clear() {
      list.replaceChildren();
      summary.textContent = '';
    },
  };
}
