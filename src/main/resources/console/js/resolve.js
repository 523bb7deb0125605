// Resolving a refund in REVIEW by hand (SPEC §8.2): the outcome found at the provider, a note, optionally the
// provider's refund number, then a confirmation step before anything is sent. The form is built once and left alone
// by the refreshes around it, so typing and an open confirmation survive them.

import { el } from './dom.js';
import { post, segment, HubError } from './api.js';

const NOTE_MAX = 500;
let forms = 0;

/**
 * A resolve form for one refund. onDone(record) runs after the hub resolved it; onCancel when the operator closes
 * the form.
 */
export function resolveForm(refundId, { onDone, onCancel }) {
  const n = ++forms;
  const id = (what) => `resolve-${what}-${n}`;
  const status = el('select', { id: id('status'), 'data-testid': 'resolve-status', required: true },
    el('option', { value: 'SUCCEEDED', text: 'SUCCEEDED: the provider refunded it' }),
    el('option', { value: 'FAILED', text: 'FAILED: the provider did not refund it' }));
  const note = el('textarea', { id: id('note'), 'data-testid': 'resolve-note', rows: 2, maxlength: NOTE_MAX,
    required: true, 'aria-describedby': id('note-help') });
  const providerRefundId = el('input', { id: id('prid'), 'data-testid': 'resolve-provider-refund-id', maxlength: 64,
    spellcheck: 'false', autocomplete: 'off' });
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'resolve-error' });
  const submit = el('button', { type: 'submit', 'data-testid': 'resolve-submit', text: 'Next: confirm…' });
  const close = el('button', { type: 'button', class: 'quiet', text: 'Close', onclick: () => onCancel() });
  const fields = el('fieldset', {},
    el('legend', { text: `Resolve ${refundId} by hand` }),
    el('div', { class: 'field' }, el('label', { for: id('status'), text: 'Outcome found at the provider' }), status),
    el('div', { class: 'field' }, el('label', { for: id('prid'), text: "Provider's refund number (optional)" }), providerRefundId),
    el('div', { class: 'field wide' }, el('label', { for: id('note'), text: 'Note: what you checked and where' }), note,
      el('small', { id: id('note-help'), class: 'muted', text: `Kept in the refund's history with your client's name; 1-${NOTE_MAX} characters.` })),
    el('div', { class: 'actions wide' }, submit, close));

  const question = el('p', { class: 'question', tabindex: -1 });
  const confirm = el('button', { type: 'button', class: 'danger', 'data-testid': 'resolve-confirm' });
  const back = el('button', { type: 'button', class: 'quiet', 'data-testid': 'resolve-cancel', text: 'Back' });
  const confirmation = el('div', { class: 'confirm', role: 'group', 'aria-label': `Confirm the resolution of ${refundId}`,
    'data-testid': 'resolve-confirmation', hidden: true }, question, el('div', { class: 'actions' }, confirm, back));
  const form = el('form', { class: 'resolve', novalidate: true, 'data-testid': 'resolve-form' }, fields, confirmation, error);

  const unconfirm = () => {
    confirmation.hidden = true;
    fields.disabled = false;
    confirm.disabled = false;
    submit.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    const text = note.value.trim();
    if (!text) {
      error.textContent = 'Write a note first: what you checked at the provider, and what it said.';
      note.focus();
      return;
    }
    fields.disabled = true;
    question.textContent = `Mark ${refundId} as ${status.value}? A resolved refund never changes again. `
      + `Note: “${text}”` + (providerRefundId.value.trim() ? ` Provider's refund number: ${providerRefundId.value.trim()}.` : '');
    confirm.textContent = `Confirm: mark ${status.value}`;
    confirmation.hidden = false;
    question.focus();
  });
  back.addEventListener('click', unconfirm);
  confirmation.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      unconfirm();
    }
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    error.textContent = '';
    const body = { status: status.value, note: note.value.trim() };
    if (providerRefundId.value.trim()) {
      body.providerRefundId = providerRefundId.value.trim();
    }
    try {
      onDone(await post(`refunds/${segment(refundId)}/resolution`, body));
    } catch (e) {
      confirm.disabled = false;
      error.textContent = explain(e, refundId);
    }
  });
  form.focusFirst = () => status.focus();
  return form;
}

function explain(e, refundId) {
  if (!(e instanceof HubError)) {
    return String(e);
  }
  if (e.status === 0) {
    return `${e.message} The resolution may or may not have been kept: confirming again with the same note is safe.`;
  }
  if (e.status === 409) {
    return `${refundId} is no longer in REVIEW, or was resolved otherwise: nothing changed. ${e.message}`;
  }
  return `The hub refused it (${e.status}): ${e.message}`;
}
