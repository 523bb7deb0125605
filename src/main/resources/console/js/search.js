// Search by refund ID or order ID: the refund of that ID, and the refunds of that order, newest first. One match
// opens its detail.

import { el, fill, badge, time, fmt } from './dom.js';
import { get, segment, HubError } from './api.js';
import { refundDetail } from './detail.js';

const REFUND_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function searchView(ctx) {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const message = document.getElementById('search-message');
  const results = document.getElementById('search-results');
  const detail = refundDetail(ctx);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search(input.value.trim()).catch(ctx.failed);
  });

  async function byId(q) {
    if (!REFUND_ID.test(q)) {
      return null;
    }
    try {
      return await get('refunds/' + segment(q));
    } catch (e) {
      if (e instanceof HubError && e.status === 404) {
        return null;
      }
      throw e;
    }
  }

  async function search(q) {
    results.replaceChildren();
    if (!q) {
      message.textContent = 'Type a refund ID or an order ID.';
      return;
    }
    message.textContent = `Searching for ${q}…`;
    const [refund, order] = await Promise.all([byId(q), get('refunds', { orderId: q, limit: 50 })]);
    const found = refund ? [refund, ...order.refunds.filter((r) => r.refundId !== refund.refundId)] : order.refunds;
    if (found.length === 0) {
      message.textContent = `No refund has the ID or order ID ${q}.`;
      detail.hide();
      return;
    }
    message.textContent = `${found.length}${order.next ? '+' : ''} found for ${q}` + (refund ? ' (its refund ID first).' : ' (its order).');
    fill(results, found.map((r) => el('li', { 'data-testid': 'search-result', 'data-refund-id': r.refundId },
      el('a', { href: '#refund/' + encodeURIComponent(r.refundId), text: r.refundId }), ' ', badge(r.status),
      el('span', { class: 'muted' }, ` order ${r.orderId} · ${r.channel} · ${fmt.money(r.amount, r.currency)} · `, time(r.createdAt)))));
    if (found.length === 1) {
      ctx.go('refund/' + encodeURIComponent(found[0].refundId));
    }
  }

  return {
    show(id) {
      if (id) {
        if (!input.value) {
          input.value = id;
        }
        return detail.show(id);
      }
      detail.hide();
      return Promise.resolve();
    },
    refresh: () => detail.refresh(),
    clear() {
      input.value = '';
      message.textContent = '';
      results.replaceChildren();
      detail.hide();
    },
  };
}
