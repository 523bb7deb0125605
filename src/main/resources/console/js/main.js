// The operator console: log in with an API key (kept in this tab's sessionStorage), ask the hub what the key may do
// (GET /me), then show one view at a time and refresh it by itself.

import { get, session, onRefusedKey, HubError } from './api.js';
import { fill } from './dom.js';
import { overviewView } from './overview.js';
import { reviewView } from './review.js';
import { searchView } from './search.js';
import { batchesView } from './batches.js';
import { webhooksView } from './webhooks.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, webhooks: false, view: null, timer: null, running: null, again: false };

const ctx = {
  may: (role) => Boolean(state.me && state.me.roles.includes(role)),
  announce(text) {
    $('notice').className = 'notice';
    $('notice').textContent = text;
  },
  failed(e) {
    $('notice').className = 'notice problem';
    $('notice').textContent = e instanceof HubError && e.status === 0
      ? `${e.message} Retrying at the next refresh.` : `The hub answered ${e.status || ''}: ${e.message}`;
  },
  reviewCount(n) {
    $('review-badge').textContent = n ? String(n) : '';
  },
  go(hash) {
    if (location.hash === '#' + hash) {
      route();
    } else {
      location.hash = hash;
    }
  },
  refreshNow: () => refresh(),
};

const views = {
  overview: overviewView(ctx),
  review: reviewView(ctx),
  search: searchView(ctx),
  batches: batchesView(ctx),
  webhooks: webhooksView(ctx),
};

async function logIn(event) {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) {
    $('login-error').textContent = 'Give an API key.';
    $('api-key').focus();
    return;
  }
  session.keep(key);
  $('api-key').value = '';
  await enter();
}

/** With the key of this tab: who it is and what it may do, then the console. */
async function enter() {
  let me;
  try {
    me = await get('me');
  } catch (e) {
    const why = !(e instanceof HubError) ? String(e)
      : e.status === 401 ? 'The hub does not know this key.'
        : e.status === 403 ? 'This key may not read refunds: the console needs a client with the read role.'
          : e.message;
    logOut(why);
    return;
  }
  state.me = me;
  state.webhooks = ctx.may('operate') && await views.webhooks.available().catch(() => false);
  fill($('who'), 'Client ', strong(me.client), ` (${me.roles.join(', ')})`);
  document.querySelector('[data-view="webhooks"]').hidden = !state.webhooks;
  $('login').hidden = true;
  $('session').hidden = false;
  $('nav').hidden = false;
  route();
}

function strong(text) {
  const s = document.createElement('strong');
  s.textContent = text;
  return s;
}

/** Forgets the key and everything shown with it. */
function logOut(why) {
  session.forget();
  state.me = null;
  state.view = null;
  clearTimeout(state.timer);
  Object.values(views).forEach((v) => v.clear());
  document.querySelectorAll('.view').forEach((s) => { s.hidden = true; });
  $('session').hidden = true;
  $('nav').hidden = true;
  $('who').replaceChildren();
  $('review-badge').textContent = '';
  $('refreshed').textContent = '';
  $('notice').textContent = '';
  $('login').hidden = false;
  $('login-error').textContent = why || '';
  $('api-key').focus();
}

function route() {
  if (!state.me) {
    return;
  }
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  let view = name === 'refund' ? 'search' : name;
  if (!views[view] || (view === 'webhooks' && !state.webhooks)) {
    view = 'overview';
  }
  const changed = state.view !== view;
  state.view = view;
  document.querySelectorAll('.view').forEach((s) => { s.hidden = s.id !== 'view-' + view; });
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.view === view) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (view === 'search') {
    const id = name === 'refund' ? decodeURIComponent(rest.join('/')) : null;
    views.search.show(id).catch(ctx.failed);
  }
  if (changed) {
    refresh();
  }
}

/** Refreshes the view shown now; the next refresh is due one interval after this one ends. */
async function refresh() {
  if (state.running) {
    state.again = true;
    return;
  }
  clearTimeout(state.timer);
  const view = state.view && views[state.view];
  if (view && !document.hidden) {
    state.running = view.refresh();
    try {
      await state.running;
      $('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
      if ($('notice').classList.contains('problem')) {
        $('notice').textContent = '';
        $('notice').className = 'notice';
      }
    } catch (e) {
      if (state.me) {
        ctx.failed(e);
      }
    } finally {
      state.running = null;
    }
  }
  if (!state.me) {
    return;
  }
  if (state.again) {
    state.again = false;
    refresh();
    return;
  }
  const every = Number($('refresh-every').value);
  if (every > 0) {
    state.timer = setTimeout(refresh, every);
  }
}

onRefusedKey(() => {
  if (state.me) {
    logOut('The hub no longer accepts this key: log in again.');
  }
});
$('login-form').addEventListener('submit', (e) => logIn(e).catch((err) => logOut(String(err))));
$('logout').addEventListener('click', () => logOut('Logged out: the key is forgotten.'));
$('refresh-every').addEventListener('change', () => refresh());
window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.me) {
    refresh();
  }
});

if (session.key()) {
  enter();
} else {
  logOut('');
}
