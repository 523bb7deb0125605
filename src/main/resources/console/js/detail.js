// One refund: its record, its history (who did what, with the notes of resolutions) and its exchanges with the
// provider, as the hub keeps them — signatures were masked by the hub before they were stored, and are shown as kept.

import { el, fill, fmt, time, badge, pretty, fact } from './dom.js';
import { get, segment, HubError } from './api.js';
import { resolveForm } from './resolve.js';

export function refundDetail(ctx) {
  const box = document.getElementById('detail');
  const body = el('div', { class: 'record' });
  const actions = el('div', { class: 'resolve-area' });
  let shownId = null;
  let seen = null;
  let form = null;

  function render(refund) {
    const open = new Set([...body.querySelectorAll('details[open]')].map((d) => d.dataset.index));
    fill(body,
      el('h3', {}, `Refund ${refund.refundId} `, badge(refund.status), refund.final ? el('span', { class: 'muted', text: ' final' }) : ''),
      el('dl', { class: 'facts' },
        fact('Order', refund.orderId), fact('Channel', refund.channel),
        fact('Amount', fmt.money(refund.amount, refund.currency)),
        refund.orderAmount !== undefined ? fact('Order amount', fmt.money(refund.orderAmount, refund.currency)) : null,
        fact('Code', refund.code), fact('Message', refund.message),
        fact('Provider code', refund.providerCode), fact('Provider message', refund.providerMessage),
        fact("Provider's refund number", refund.providerRefundId),
        fact('Reason', refund.reason), fact('Operator', refund.operatorId), fact('Terminal', refund.terminalNo),
        fact('Attempts', refund.attempts), fact('Inquiries', refund.inquiries), fact('Came in by', refund.intake),
        fact('Created', time(refund.createdAt)), fact('Updated', time(refund.updatedAt)),
        refund.metadata ? fact('Metadata', el('pre', { text: JSON.stringify(refund.metadata, null, 2) })) : null,
        refund.pruned ? fact('Details removed', `${(refund.pruned.removed || []).join(', ')} at ${fmt.time(refund.pruned.at)}`) : null),
      el('h4', { text: 'History' }),
      el('ol', { class: 'history' }, refund.history.map((h) => el('li', { 'data-testid': 'history-entry',
        'data-status': h.status, 'data-actor': h.actor },
      el('div', { class: 'when' }, time(h.at)),
      el('div', {}, h.from ? [badge(h.from), ' → '] : '', badge(h.status), h.code ? el('code', { text: ' ' + h.code }) : ''),
      el('div', { class: 'by' }, 'by ', el('strong', { 'data-testid': 'history-actor', text: h.actor })),
      h.message ? el('div', { class: 'muted', text: h.message }) : null,
      h.note ? el('blockquote', { 'data-testid': 'history-note', text: h.note }) : null))),
      el('h4', { text: 'Provider exchanges' }),
      refund.exchanges.length ? el('p', { class: 'muted', text: 'As the hub keeps them: signatures masked.' })
        : el('p', { class: 'muted', text: 'No call to the provider yet.' }),
      el('ol', { class: 'exchanges' }, refund.exchanges.map((x, i) => el('li', { 'data-testid': 'exchange' },
        el('details', { 'data-index': i, open: open.has(String(i)) },
          el('summary', {}, `${x.operation} · `, x.httpStatus ? `HTTP ${x.httpStatus}` : 'no answer',
            ` · ${x.latencyMs} ms · `, time(x.at)),
          el('p', { class: 'url', text: x.url }),
          x.error ? el('p', { class: 'error', text: x.error }) : null,
          x.pruned ? el('p', { class: 'muted', text: 'Bodies removed by retention.' }) : [
            el('h5', { text: 'Request' }), el('pre', { 'data-testid': 'exchange-request', text: pretty(x.request) }),
            el('h5', { text: 'Answer' }), el('pre', { 'data-testid': 'exchange-response', text: pretty(x.response) })])))));
    renderActions(refund);
  }

  function renderActions(refund) {
    if (form && refund.status !== 'REVIEW') {
      return;   // resolved meanwhile: the open form says so when confirmed (409); the operator closes it
    }
    if (refund.status !== 'REVIEW' || !ctx.may('operate')) {
      actions.replaceChildren();
      return;
    }
    if (actions.firstChild) {
      return;
    }
    const button = el('button', { type: 'button', 'data-testid': 'resolve-open', 'aria-expanded': 'false', text: 'Resolve…' });
    button.addEventListener('click', () => {
      if (form) {
        form.remove();
        form = null;
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      form = resolveForm(refund.refundId, {
        onDone(record) {
          ctx.announce(`${record.refundId} resolved as ${record.status}.`);
          form = null;
          actions.replaceChildren();
          load(record.refundId, true);
        },
        onCancel: () => button.click(),
      });
      actions.append(form);
      button.setAttribute('aria-expanded', 'true');
      form.focusFirst();
    });
    actions.append(button);
  }

  async function load(id, force) {
    if (id !== shownId) {
      shownId = id;
      seen = null;
      form = null;
      actions.replaceChildren();
      fill(box, el('p', { class: 'muted', text: `Loading ${id}…` }));
    }
    let refund;
    try {
      refund = await get('refunds/' + segment(id));
    } catch (e) {
      if (e instanceof HubError && e.status === 404 && id === shownId) {
        fill(box, el('p', { 'data-testid': 'detail-missing', text: `No refund ${id}.` }));
        seen = null;
        return;
      }
      throw e;
    }
    if (id !== shownId) {
      return;   // another refund was asked for meanwhile
    }
    const latest = JSON.stringify(refund);
    if (latest === seen && !force) {
      return;
    }
    seen = latest;
    if (!box.contains(body)) {
      fill(box, actions, body);
    }
    render(refund);
  }

  return {
    show(id) {
      box.hidden = false;
      return load(id, false);
    },
    refresh() {
      return shownId ? load(shownId, false) : Promise.resolve();
    },
    hide() {
      box.hidden = true;
      shownId = null;
      form = null;
      box.replaceChildren();
    },
  };
}
