// Batch files: each file's lines recorded in the ledger out of the rows it holds, and its lines settled (final or in
// REVIEW), with the file's state. Rows are updated in place at each refresh.

import { el, fill, sync, fmt, time, badge } from './dom.js';
import { get } from './api.js';

const SETTLED = ['SUCCEEDED', 'FAILED', 'REJECTED', 'REVIEW'];
const STATE = {
  CLAIMED: 'being read', RECORDED: 'every line recorded; waiting for its refunds to settle',
  FINAL: 'final: NAME.final.csv written', UNREADABLE: 'could not be read',
};

export function batchesView() {
  const list = document.getElementById('batch-list');

  function bar(label, value, total, testid) {
    const known = total !== null && total !== undefined;
    const pct = known && total > 0 ? Math.min(100, Math.floor((value * 100) / total)) : known ? 100 : null;
    const attrs = { 'aria-label': label, 'data-testid': testid, max: known ? Math.max(total, 1) : null };
    if (known) {
      attrs.value = total > 0 ? Math.min(value, total) : 1;
    }
    return el('div', { class: 'meter' },
      el('span', { class: 'bar-label', text: label }),
      el('progress', attrs),
      el('span', { class: 'bar-text', 'data-testid': testid + '-text',
        text: known ? `${fmt.count(value)} / ${fmt.count(total)} (${pct} %)` : `${fmt.count(value)} so far` }));
  }

  function create(batch) {
    return el('li', { class: 'card', 'data-testid': 'batch-row', 'data-batch': batch.name });
  }

  function update(item, batch) {
    const seen = JSON.stringify(batch);
    if (item.seen === seen) {
      return;
    }
    item.seen = seen;
    const recorded = batch.rowsAccepted + batch.rowsRejected;
    const settled = SETTLED.reduce((n, s) => n + (batch.counts[s] || 0), 0);
    const total = batch.rowsTotal;
    item.dataset.status = batch.status;
    item.dataset.recorded = recorded;
    item.dataset.total = total === null || total === undefined ? '' : total;
    fill(item,
      el('h3', { text: batch.name }),
      el('p', { class: 'state' }, el('span', { class: 'status b-' + batch.status.toLowerCase(), text: batch.status }),
        ' ', STATE[batch.status] || ''),
      batch.error ? el('p', { class: 'error', text: batch.error }) : null,
      batch.status === 'UNREADABLE' ? null : [
        bar('Lines recorded', recorded, total, 'batch-recorded'),
        bar('Lines settled', settled, total, 'batch-settled')],
      el('ul', { class: 'chips', 'aria-label': 'Lines by status' },
        Object.entries(batch.counts).map(([status, n]) => el('li', {}, badge(status), ' ', fmt.count(n)))),
      el('p', { class: 'muted' }, 'Dropped ', time(batch.createdAt),
        batch.recordedAt ? [' · recorded ', time(batch.recordedAt)] : '',
        batch.finalAt ? [' · final ', time(batch.finalAt)] : ''));
  }

  return {
    async refresh() {
      const page = await get('batches', { limit: 20 });
      sync(list, page.batches, (b) => String(b.batchId), create, update);
      if (page.count === 0) {
        fill(list, el('li', { class: 'muted', 'data-key': 'none', text: 'No batch file yet.' }));
      }
    },
    clear() {
      list.replaceChildren();
    },
  };
}
