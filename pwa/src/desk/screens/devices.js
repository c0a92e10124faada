// Enheter: a one-time pairing code for a client's or a kontaktperson's phone, shown once (large, as text and
// as a QR code, with its expiry) and gone when closed; the subject's phones, listed without anything that
// could identify the phone or its holder (no label, no id), and revoked when lost.
import { h, replace, uid } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { qrSvg } from '../qr.js';

const VOLUNTEER_STATES = new Set(['APPROVED', 'ACTIVE', 'PAUSED']);
// The choice survives a redraw (a language change, a visit to another screen) for this page's life only.
const remembered = { kind: 'CLIENT', subjectId: null };

export function render(main) {
  let closed = false;
  const kindBox = h('fieldset', { class: 'choices choices-inline' },
    h('legend', { text: t('devices.kind') }),
    [['CLIENT', t('devices.kindClient')], ['VOLUNTEER', t('devices.kindVolunteer')]].map(([value, label]) => {
      const id = uid('kind');
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', name: 'kind', id, value, checked: value === remembered.kind }),
        h('label', { for: id, text: label }));
    }));
  const subject = h('select', { id: 'devices-subject', name: 'subject', required: true });
  const subjectLabel = h('label', { for: 'devices-subject', id: 'devices-subject-label' });
  const issue = h('button', { type: 'submit', class: 'btn btn-primary', id: 'devices-issue', text: t('devices.issue') });
  const formError = h('p', { class: 'alert', role: 'alert', id: 'devices-error' });
  const codeArea = h('div', { id: 'devices-code' });
  const list = h('div', { id: 'devices-list' });
  const form = h('form', { id: 'devices-form', novalidate: true },
    kindBox, h('div', { class: 'field' }, subjectLabel, subject), formError, issue);

  replace(main, h('section', { class: 'screen devices', id: 'devices' },
    h('h1', { tabindex: '-1', text: t('devices.title') }),
    h('p', { class: 'lead', text: t('devices.lead') }),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'devices-new' },
        h('h2', { id: 'devices-new', text: t('devices.newTitle') }), form, codeArea),
      h('section', { class: 'card', 'aria-labelledby': 'devices-phones' },
        h('h2', { id: 'devices-phones', text: t('devices.phonesTitle') }), list))));

  const kind = () => form.querySelector('input[name="kind"]:checked').value;

  async function subjects() {
    subject.disabled = true;
    subjectLabel.textContent = kind() === 'CLIENT' ? t('devices.client') : t('devices.volunteer');
    try {
      const options = kind() === 'CLIENT'
        ? (await api('GET', '/api/clients')).filter((c) => c.status !== 'CLOSED')
          .map((c) => ({ id: c.id, name: c.pseudonym }))
        : (await api('GET', '/api/recruiting/volunteers')).filter((v) => VOLUNTEER_STATES.has(v.state))
          .map((v) => ({ id: v.id, name: v.name }));
      options.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
      if (closed) return;
      replace(subject, options.length === 0
        ? h('option', { value: '', text: t('devices.none') })
        : options.map((o) => h('option', { value: o.id, text: o.name })));
      if (options.some((o) => o.id === remembered.subjectId)) subject.value = remembered.subjectId;
      subject.disabled = options.length === 0;
      issue.disabled = options.length === 0;
      await phones();
    } catch {
      formError.textContent = t('devices.loadError');
    }
  }

  async function phones() {
    if (!subject.value) {
      replace(list, h('p', { class: 'empty', text: t('devices.chooseFirst') }));
      return;
    }
    const name = subject.selectedOptions[0]?.textContent || '';
    remembered.kind = kind();
    remembered.subjectId = subject.value;
    try {
      const devices = await api('GET', `/api/devices?kind=${kind()}&subjectId=${encodeURIComponent(subject.value)}`);
      if (closed) return;
      replace(list, h('p', { class: 'hint', id: 'devices-for' }, t('devices.phonesOf'), ' ', h('bdi', { text: name })),
        devices.length === 0
          ? h('p', { class: 'empty', id: 'devices-empty', text: t('devices.noPhones') })
          : h('table', { class: 'table', id: 'devices-table' },
            h('caption', { class: 'visually-hidden', text: t('devices.tableCaption', { name }) }),
            h('thead', {}, h('tr', {},
              [t('devices.col.phone'), t('devices.col.paired'), t('devices.col.lastSeen'), t('devices.col.status'), t('devices.col.action')]
                .map((c) => h('th', { scope: 'col', text: c })))),
            h('tbody', {}, devices.map((d, i) => phoneRow(d, i + 1)))));
    } catch {
      replace(list, h('p', { class: 'alert', role: 'alert', text: t('devices.loadError') }));
    }
  }

  function phoneRow(d, n) {
    const label = t('devices.phoneN', { n });
    const cell = h('td', {});
    const rowError = h('p', { class: 'alert', role: 'alert' });
    if (!d.revokedAt) {
      const revoke = h('button', { type: 'button', class: 'btn btn-danger', 'data-action': 'revoke', text: t('devices.revoke'), 'aria-label': t('devices.revokeN', { n }) });
      revoke.addEventListener('click', () => {
        // Two steps, no modal: the question replaces the button, and Cancel brings it back.
        const yes = h('button', { type: 'button', class: 'btn btn-danger', 'data-action': 'confirm-revoke', text: t('devices.revokeYes') });
        const no = h('button', { type: 'button', class: 'btn', 'data-action': 'cancel-revoke', text: t('devices.revokeNo') });
        yes.addEventListener('click', async () => {
          yes.disabled = true;
          try {
            await api('DELETE', `/api/devices/${d.id}`);
            await phones();
            document.getElementById('devices-phones')?.focus?.();
          } catch {
            rowError.textContent = t('devices.revokeError');
            yes.disabled = false;
          }
        });
        no.addEventListener('click', () => { replace(cell, revoke, rowError); revoke.focus(); });
        replace(cell, h('p', { class: 'confirm', text: t('devices.revokeQuestion', { n }) }), h('div', { class: 'row' }, yes, no), rowError);
        yes.focus();
      });
      replace(cell, revoke, rowError);
    }
    return h('tr', { 'data-device': n, 'data-state': d.revokedAt ? 'revoked' : 'active' },
      h('th', { scope: 'row', text: label }),
      h('td', { text: dateTime(d.createdAt) }),
      h('td', { text: d.lastSeenAt ? dateTime(d.lastSeenAt) : t('devices.never') }),
      h('td', { text: d.revokedAt ? t('devices.revokedAt', { when: dateTime(d.revokedAt) }) : t('devices.active') }),
      cell);
  }

  function showCode(issued, name) {
    const hide = h('button', { type: 'button', class: 'btn', id: 'devices-code-hide', text: t('devices.codeHide') });
    hide.addEventListener('click', () => { replace(codeArea); issue.focus(); });
    const box = h('section', { class: 'pair-code-box', id: 'pair-code-box', tabindex: '-1', 'aria-labelledby': 'pair-code-title' },
      h('h3', { id: 'pair-code-title' }, t('devices.codeFor'), ' ', h('bdi', { text: name })),
      h('p', { class: 'pair-code', id: 'pair-code', dir: 'ltr', translate: 'no', text: issued.code }),
      h('div', { class: 'qr-box' }, qrSvg(issued.code, t('devices.qrLabel'))),
      h('p', { id: 'pair-code-expiry', text: t('devices.codeExpiry', { when: dateTime(issued.expiresAt) }) }),
      h('p', { class: 'hint', text: t('devices.codeOnce') }),
      hide);
    replace(codeArea, box);
    box.focus();
  }

  form.addEventListener('change', (e) => {
    if (e.target.name === 'kind') { replace(codeArea); subjects(); }
    if (e.target === subject) { replace(codeArea); phones(); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.textContent = '';
    if (!subject.value) {
      formError.textContent = t('devices.chooseFirst');
      subject.focus();
      return;
    }
    issue.disabled = true;
    const name = subject.selectedOptions[0]?.textContent || '';
    try {
      const issued = await api('POST', '/api/pairing-codes', { kind: kind(), subjectId: subject.value });
      showCode(issued, name);
    } catch (err) {
      formError.textContent = err?.status === 404 || err?.status === 409 || err?.status === 400
        ? t('devices.issueRefused') : t('devices.issueError');
    } finally {
      issue.disabled = false;
    }
  });

  subjects();
  // Leaving the screen forgets the code: it is shown once.
  return () => { closed = true; replace(codeArea); };
}
