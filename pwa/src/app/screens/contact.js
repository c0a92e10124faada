// The client's defences against the wrong kontaktperson (seed 001:557: someone close to the family): she
// can tell the coordinators she is worried, and end the contact at once without giving a reason. Both are
// said in plain words, with what happens next.
import { t } from '../i18n.js';
import { field, h, replace } from '../view.js';
import { alertBox, call, problemText } from './common.js';

export function contactCard(app) {
  const area = h('div', { id: 'contact-area' });
  const status = h('div', { id: 'contact-status', role: 'status' });

  function start() {
    replace(area,
      h('button', { type: 'button', class: 'btn', id: 'open-report', onclick: report, text: t('contact.report') }),
      h('button', { type: 'button', class: 'btn btn-danger', id: 'open-end', onclick: askEnd, text: t('contact.end') }));
  }

  function report() {
    const text = h('textarea', { id: 'report-text', rows: '4', maxlength: '2000', dir: 'auto' });
    const error = alertBox('report-error');
    replace(area, h('form', { id: 'report-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      if (!text.value.trim()) {
        error.textContent = t('contact.reportMissing');
        text.focus();
        return;
      }
      try {
        await call('POST', '/api/me/reports', { text: text.value.trim() });
      } catch (e) {
        error.textContent = problemText(e, { text: t('contact.reportLabel') });
        return;
      }
      replace(status, h('p', { class: 'notice', id: 'report-sent', text: t('contact.reportSent') }));
      start();
    } },
    field(t('contact.reportLabel'), text, t('contact.reportHint')),
    error,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'report-submit', text: t('contact.reportSubmit') }),
      h('button', { type: 'button', class: 'btn', id: 'report-cancel', onclick: start, text: t('settings.wipeNo') }))));
    text.focus();
  }

  function askEnd() {
    const error = alertBox('end-error');
    replace(area,
      h('p', { id: 'end-confirm-text', text: t('contact.endConfirm') }),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'btn btn-danger', id: 'end-yes', 'aria-describedby': 'end-confirm-text', text: t('contact.endYes'),
          onclick: async () => {
            try {
              await call('POST', '/api/me/contact/end');
            } catch (e) {
              error.textContent = e?.status === 404 ? t('contact.alreadyEnded') : problemText(e);
              return;
            }
            replace(status, h('p', { class: 'notice', id: 'end-done', text: t('contact.ended') }));
            replace(area);
          } }),
        h('button', { type: 'button', class: 'btn', id: 'end-no', onclick: start, text: t('settings.wipeNo') })),
      error);
    area.querySelector('#end-no').focus();
  }

  start();
  return h('section', { class: 'card', 'aria-labelledby': 'settings-contact' },
    h('h2', { id: 'settings-contact', text: t('contact.title') }),
    h('p', { text: t('contact.intro') }),
    status, area);
}
