// The overview: what waits (each status that is not final, with the age of its oldest refund), every refund by
// status and channel, and the hub's health with each channel's circuit breaker when the hub reports them.

import { el, fill, fmt, refundLink } from './dom.js';
import { get, HubError } from './api.js';

const STATUSES = ['RECEIVED', 'SUBMITTED', 'PENDING', 'REVIEW', 'SUCCEEDED', 'FAILED', 'REJECTED'];
const WAITING = {
  RECEIVED: 'waiting to be sent', SUBMITTED: 'being sent', PENDING: 'waiting on the provider (inquired)',
  REVIEW: 'waiting for a person',
};

export function overviewView(ctx) {
  const tiles = document.getElementById('waiting');
  const matrix = document.getElementById('matrix');
  const health = document.getElementById('health');
  const hubStatus = document.getElementById('hub-status');
  const channelList = document.getElementById('channels');
  let seen = null;

  function renderWaiting(open) {
    fill(tiles, open.map((w) => el('div', { class: 'tile' + (w.status === 'REVIEW' && w.count > 0 ? ' attention' : ''),
      'data-testid': 'waiting-status', 'data-status': w.status },
    el('span', { class: 'label' }, el('span', { class: 'status s-' + w.status.toLowerCase(), text: w.status }), ' ',
      WAITING[w.status] || ''),
    el('span', { class: 'number', text: fmt.count(w.count) }),
    el('span', { class: 'muted' }, w.oldestRefundId
      ? ['oldest ', el('strong', { 'data-testid': 'oldest-age', text: fmt.age(w.oldestAgeSeconds) }), ' (', refundLink(w.oldestRefundId), ')']
      : 'none waiting'))));
  }

  function renderMatrix(counts, channels) {
    const cell = new Map(counts.map((c) => [c.status + '|' + c.channel, c.count]));
    const total = (status) => counts.filter((c) => c.status === status).reduce((a, c) => a + c.count, 0);
    fill(matrix,
      el('caption', { class: 'sr-only', text: 'Refunds by status (rows) and channel (columns)' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Status' }),
        channels.map((ch) => el('th', { scope: 'col', text: ch })), el('th', { scope: 'col', text: 'All channels' }))),
      el('tbody', {}, STATUSES.map((status) => el('tr', {},
        el('th', { scope: 'row' }, el('span', { class: 'status s-' + status.toLowerCase(), text: status })),
        channels.map((ch) => el('td', { 'data-testid': 'status-channel-count', 'data-status': status, 'data-channel': ch,
          text: fmt.count(cell.get(status + '|' + ch) || 0) })),
        el('td', { class: 'total', 'data-testid': 'status-count', 'data-status': status, text: fmt.count(total(status)) })))));
  }

  function renderHealth(report) {
    health.hidden = false;
    const down = Object.entries(report.checks || {}).filter(([, c]) => c.status !== 'UP');
    fill(hubStatus, 'Hub: ', el('span', { class: 'status ' + (report.status === 'UP' ? 's-succeeded' : 's-failed'),
      text: report.status }), down.length ? ' ' + down.map(([name, c]) => `${name}: ${c.detail || c.status}`).join('; ') : '');
    const channels = Object.entries(report.channels || {});
    channelList.hidden = channels.length === 0;
    fill(channelList, channels.map(([name, c]) => el('li', { 'data-testid': 'channel-state', 'data-channel': name,
      'data-state': c.state }, el('span', { class: 'name', text: name }), ' ',
    el('span', { class: 'breaker b-' + String(c.state).toLowerCase(), text: c.state }),
    el('span', { class: 'muted', text: c.state === 'CLOSED' ? ' sending' : c.state === 'OPEN'
      ? ' not sending: refunds wait as RECEIVED' : ' probing with one call' }))));
  }

  /** /health answers 503 with the same checks and channels when a part is DOWN: show them too. */
  async function healthReport() {
    try {
      return await get('health');
    } catch (e) {
      if (e instanceof HubError && e.problem && e.problem.checks) {
        return { status: 'DOWN', checks: e.problem.checks, channels: e.problem.channels };
      }
      throw e;
    }
  }

  return {
    async refresh() {
      const [summary, report] = await Promise.all([get('summary'), healthReport()]);
      const review = summary.open.find((w) => w.status === 'REVIEW');
      ctx.reviewCount(review ? review.count : 0);
      renderWaiting(summary.open);   // the ages move on at every refresh
      const latest = JSON.stringify([summary.counts, report]);
      if (latest === seen) {
        return;
      }
      seen = latest;
      const channels = [...new Set([...Object.keys(report.channels || {}), ...summary.counts.map((c) => c.channel)])].sort();
      renderMatrix(summary.counts, channels);
      renderHealth(report);
    },
    clear() {
      seen = null;
      tiles.replaceChildren();
      matrix.replaceChildren();
      channelList.replaceChildren();
      hubStatus.textContent = '';
      health.hidden = true;
    },
  };
}
