// The whole view layer: create elements, set text with textContent only. No HTML parsing anywhere in the
// app, so text that came from another device or the server can never become markup (and CSP forbids
// inline script as a second line of defence).

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = value;
    else if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'style' || key.startsWith('on')) throw new TypeError(`refusing attribute ${key}`);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idCounter = 0;
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field; the label is always a real <label for>, never a placeholder. */
export function field(label, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  let hintEl = null;
  if (hint) {
    hintEl = h('p', { class: 'hint', id: `${id}-hint`, text: hint });
    control.setAttribute('aria-describedby', hintEl.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), hintEl, control);
}

/** A fieldset of radio buttons or checkboxes; options are [{value, label}]. */
export function choices(legend, name, options, { type = 'radio', checked = [], required = false } = {}) {
  const set = new Set([].concat(checked).map(String));
  return h('fieldset', { class: 'choices', 'aria-required': required ? 'true' : undefined, role: required ? 'radiogroup' : undefined },
    h('legend', { text: legend }),
    options.map((o) => {
      const id = uid(name);
      return h('div', { class: 'choice' },
        h('input', { type, id, name, value: o.value, checked: set.has(String(o.value)) }),
        h('label', { for: id, text: o.label }));
    }));
}

/** A telephone link whose number stays left-to-right inside right-to-left text. */
export function telLink(number, label) {
  const digits = String(number).replace(/[^0-9+]/g, '');
  return h('a', { class: 'tel', href: `tel:${digits}` },
    h('span', { class: 'tel-name', text: label }),
    h('bdi', { class: 'tel-number', dir: 'ltr', text: number }));
}
