// Building the page from data. Text from the ledger only ever becomes text nodes (textContent, createTextNode):
// nothing here parses HTML, so a refund reason holding <script> shows as those characters.

/** A new element: attributes (class, text, dataset, on* listeners, true for a bare attribute) and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      e.className = value;
    } else if (name === 'text') {
      e.textContent = value;
    } else if (name === 'dataset') {
      Object.assign(e.dataset, value);
    } else if (name.startsWith('on')) {
      e.addEventListener(name.slice(2), value);
    } else {
      e.setAttribute(name, value === true ? '' : String(value));
    }
  }
  put(e, children);
  return e;
}

function put(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function fill(e, ...children) {
  e.replaceChildren();
  put(e, children);
  return e;
}

/**
 * Makes the container's children match the items, keyed by data-key: a child whose item is still there is updated in
 * place and never moved unless the order changed (so focus, typing and open panels inside it survive a refresh); a
 * new item gets a new child; a child whose item is gone is removed, unless keep(child) says to leave it.
 */
export function sync(container, items, key, create, update, keep = () => false) {
  const existing = new Map([...container.children].map((c) => [c.dataset.key, c]));
  const wanted = new Set(items.map(key));
  let ref = container.firstElementChild;
  const skip = () => {
    while (ref && !wanted.has(ref.dataset.key)) {
      ref = ref.nextElementSibling;
    }
  };
  for (const item of items) {
    const k = key(item);
    let node = existing.get(k);
    if (!node) {
      node = create(item);
      node.dataset.key = k;
    }
    update(node, item);
    skip();
    if (node === ref) {
      ref = ref.nextElementSibling;
    } else {
      container.insertBefore(node, ref);
    }
  }
  for (const [k, node] of existing) {
    if (!wanted.has(k) && !keep(node)) {
      node.remove();
    }
  }
}

const EXPONENTS = { MMK: 2, LAK: 2, USD: 2, JPY: 0, THB: 2, EUR: 2, CNY: 2, KRW: 0, SGD: 2, VND: 0 }; // as core/Money

export const fmt = {
  count: (n) => Number(n || 0).toLocaleString('en'),
  /** A ledger time in this browser's time zone, to the second. */
  time(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  },
  age(seconds) {
    if (seconds === null || seconds === undefined) {
      return '';
    }
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
    return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
  },
  /** Minor units in the currency's major unit (1250 USD → 12.50 USD); the amount as kept when the currency is unknown. */
  money(minor, currency) {
    if (minor === null || minor === undefined) {
      return currency ? `full refund (${currency})` : 'full refund';
    }
    const exp = EXPONENTS[currency];
    if (exp === undefined) {
      return `${minor} ${currency || '(minor units)'}`;
    }
    const sign = minor < 0 ? '-' : '';
    const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
    const whole = Number(digits.slice(0, digits.length - exp)).toLocaleString('en');
    return `${sign}${whole}${exp ? '.' + digits.slice(digits.length - exp) : ''} ${currency}`;
  },
};

/** A <time> element showing a ledger time, with the exact value as its datetime. */
export const time = (iso) => (iso ? el('time', { datetime: iso, title: iso, text: fmt.time(iso) }) : '');

/** A status as a badge. */
export const badge = (status) => el('span', { class: 'status s-' + String(status).toLowerCase(), text: status });

/** A link to a refund's detail. */
export const refundLink = (id) => el('a', { href: '#refund/' + encodeURIComponent(id), text: id });

/** A JSON text (a provider's request or answer) laid out for reading, or the text as it is when it is not JSON. */
export function pretty(text) {
  if (text === null || text === undefined || text === '') {
    return '';
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return String(text);
  }
}

/** One term and its value in a description list; nothing when there is no value. */
export function fact(term, value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  return el('div', {}, el('dt', { text: term }), el('dd', {}, value));
}
