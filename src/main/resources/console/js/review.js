// The REVIEW queue: refunds waiting for a person, newest first, each with a resolve action for a key with `operate`.
// Each refresh updates the listed refunds in place; a refund whose resolve form is open stays listed (marked when it
// has left REVIEW meanwhile) until the operator closes the form.

import { el, fill, sync, fmt, time, refundLink } from './dom.js';
import { get } from './api.js';
import { resolveForm } from './resolve.js';

const PAGE = 50;
const MAX = 500;

export function reviewView(ctx) {
  const list = document.getElementById('review-list');
  const summary = document.getElementById('review-summary');
  const more = document.getElementById('review-more');
  let shown = PAGE;

  more.addEventListener('click', () => {
    shown = Math.min(MAX, shown + PAGE);
    ctx.refreshNow();
  });

  function create(refund) {
    const item = el('li', { class: 'card review', 'data-testid': 'review-row', dataset: { refundId: refund.refundId } },
      el('div', { class: 'fields' }), el('div', { class: 'resolve-slot' }));
    if (ctx.may('operate')) {
      const open = el('button', { type: 'button', 'data-testid': 'resolve-open', 'aria-expanded': 'false',
        text: 'Resolve…', 'aria-label': `Resolve ${refund.refundId}` });
      open.addEventListener('click', () => toggle(item, open));
      item.querySelector('.fields').after(el('div', { class: 'actions' }, open));
    }
    return item;
  }

  function toggle(item, open) {
    const slot = item.querySelector('.resolve-slot');
    if (slot.firstChild) {
      slot.replaceChildren();
      open.setAttribute('aria-expanded', 'false');
      open.focus();
      return;
    }
    const id = item.dataset.refundId;
    const form = resolveForm(id, {
      onDone(record) {
        ctx.announce(`${id} resolved as ${record.status}; its history names ${record.history.at(-1).actor}.`);
        item.remove();
        ctx.refreshNow();
      },
      onCancel: () => toggle(item, open),
    });
    slot.append(form);
    open.setAttribute('aria-expanded', 'true');
    form.focusFirst();
  }

  function update(item, refund) {
    const seen = JSON.stringify(refund);
    if (item.seen === seen) {
      return;   // unchanged: leave the elements (and the focus in them) alone
    }
    item.seen = seen;
    item.classList.remove('gone');
    fill(item.querySelector('.fields'),
      el('h3', {}, refundLink(refund.refundId), ' ',
        el('span', { class: 'muted', text: `order ${refund.orderId} · ${refund.channel} · ${fmt.money(refund.amount, refund.currency)}` })),
      el('p', { class: 'why' }, refund.code ? el('code', { text: refund.code }) : '', refund.code ? ' ' : '', refund.message || ''),
      refund.reason ? el('p', { class: 'muted' }, 'Reason: ', el('span', { 'data-testid': 'review-reason', text: refund.reason })) : null,
      el('p', { class: 'muted' }, 'In REVIEW since ', time(refund.updatedAt), ' · recorded ', time(refund.createdAt),
        ` · ${refund.attempts} attempt${refund.attempts === 1 ? '' : 's'}, ${refund.inquiries} inquir${refund.inquiries === 1 ? 'y' : 'ies'}`));
  }

  const keepOpen = (item) => {
    if (item.querySelector('.resolve-slot').firstChild) {
      if (!item.classList.contains('gone')) {
        item.classList.add('gone');
        item.querySelector('.fields').append(el('p', { class: 'warning', role: 'status',
          text: 'This refund has left REVIEW since the list was loaded: resolving it will be refused.' }));
      }
      return true;
    }
    return false;
  };

  return {
    async refresh() {
      const page = await get('refunds', { status: 'REVIEW', limit: shown });
      sync(list, page.refunds, (r) => r.refundId, create, update, keepOpen);
      ctx.reviewCount(page.next ? `${page.count}+` : page.count);
      fill(summary, page.count === 0 ? 'Nothing waits in REVIEW.'
        : page.next ? `The newest ${fmt.count(page.count)} refunds in REVIEW; more are waiting.`
          : `${fmt.count(page.count)} refund${page.count === 1 ? '' : 's'} in REVIEW.`);
      more.hidden = !page.next || shown >= MAX;
    },
    clear() {
      list.replaceChildren();
      summary.textContent = '';
      shown = PAGE;
    },
  };
}
