// Insatser: the municipality's insatser with a state filter (#/insatser), the request for a kontaktperson
// (#/insatser/new) and one insats (#/insatser/<id>, drawn by insats.js). The server answers only what this
// municipality may see; a proposal the client has not consented to share does not exist here.
import { h, replace } from '../../app/view.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { AGE_BANDS, NEEDS, label } from '../clientcodes.js';
import { COMMON_LANGUAGES, REGIONS, checkedValues, group, labelled, languageName, protectionSelect } from '../clientfields.js';
import { date, today } from '../fields.js';
import { CONSENT_FORMS, FU_STATUS, ORIGINS, STATES, followUpStatus, generalLine, options, sendForm, word } from '../insatscodes.js';
import { renderInsats } from './insats.js';

const remembered = { state: '' };

export function render(main, ctx) {
  const [, id] = location.hash.replace(/^#\/?/, '').split(/[/?]/);
  if (id === 'new') return renderReferral(main, ctx);
  if (id) return renderInsats(main, ctx, id);
  return list(main, ctx);
}

function list(main) {
  const controller = new AbortController();
  const state = h('select', { name: 'state', id: 'insatser-state' },
    h('option', { value: '', text: t('hl.list.allStates') }),
    Object.keys(STATES).filter((s) => s !== 'AWAITING_CONSENT').map((s) => h('option', { value: s, text: word(STATES, s), selected: s === remembered.state })));
  const body = h('div', { id: 'insatser-body', 'aria-live': 'polite' });
  replace(main, h('section', { class: 'screen insatser', id: 'insatser' },
    h('div', { class: 'screen-head' }, h('h1', { tabindex: '-1', text: t('hl.list.title') }),
      h('a', { class: 'btn btn-primary', href: '#/insatser/new', id: 'insatser-new', text: t('hl.list.new') })),
    h('div', { class: 'filters' }, labelled(t('hl.list.state'), state)),
    body));

  async function load() {
    replace(body, h('p', { role: 'status', text: t('client.loading') }));
    try {
      const q = state.value ? `?state=${encodeURIComponent(state.value)}` : '';
      const [items, orgs] = await Promise.all([
        api('GET', `/api/insatser${q}`, undefined, { signal: controller.signal }),
        api('GET', '/api/insats-parties', undefined, { signal: controller.signal })]);
      const orgName = new Map(orgs.map((o) => [o.id, o.name]));
      const now = today();
      replace(body, items.length === 0 ? h('p', { class: 'empty', id: 'insatser-empty', text: t('hl.list.empty') })
        : h('table', { class: 'table', id: 'insatser-table' },
          h('caption', { class: 'visually-hidden', text: t('hl.list.caption') }),
          h('thead', {}, h('tr', {}, [t('hl.col.client'), t('hl.col.state'), t('hl.col.origin'), t('hl.col.organisation'),
            t('hl.col.periodEnd'), t('hl.col.nextFollowUp')].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, items.map((i) => {
            const st = i.state === 'GRANTED' ? followUpStatus(i.nextFollowUpOn, now) : null;
            return h('tr', { 'data-insats': i.id, 'data-state': i.state },
              h('td', {}, h('a', { href: `#/insatser/${i.id}` }, h('bdi', { text: i.clientPseudonym || t('hl.noPseudonym') }))),
              h('td', { text: word(STATES, i.state) }),
              h('td', { text: word(ORIGINS, i.origin) }),
              h('td', { text: orgName.get(i.organisationId) || '' }),
              h('td', { text: date(i.periodEnd) }),
              h('td', {}, i.nextFollowUpOn ? `${date(i.nextFollowUpOn)}${st ? ` (${t(FU_STATUS[st])})` : ''}` : ''));
          }))));
    } catch (e) {
      if (!controller.signal.aborted) replace(body, h('p', { class: 'alert', role: 'alert', text: t('hl.loadError') }));
    }
  }
  state.addEventListener('change', () => { remembered.state = state.value; load(); });
  load();
  return () => controller.abort();
}

// ---- the request for a kontaktperson (referral) ------------------------------------------------------------

function renderReferral(main, { announce }) {
  const controller = new AbortController();
  const body = h('div', { id: 'referral-body' }, h('p', { role: 'status', text: t('client.loading') }));
  replace(main, h('section', { class: 'screen intake', id: 'referral' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/insatser', text: t('hl.backToList') })),
    h('h1', { tabindex: '-1', text: t('hl.ref.title') }),
    h('p', { class: 'lead', text: t('hl.ref.lead') }),
    body));

  api('GET', '/api/insats-parties', undefined, { signal: controller.signal }).then((orgs) => {
    const input = (name, attrs = {}) => h('input', { type: 'text', name, autocomplete: 'off', ...attrs });
    const org = h('select', { name: 'organisationId' }, h('option', { value: '', text: t('client.choose') }),
      orgs.map((o) => h('option', { value: o.id, text: o.name })));
    const ageBand = h('select', { name: 'ageBand' }, h('option', { value: '', text: t('client.choose') }),
      Object.keys(AGE_BANDS).map((b) => h('option', { value: b, text: label(AGE_BANDS, b, t) })));
    const region = h('select', { name: 'region' }, h('option', { value: '', text: t('client.choose') }),
      REGIONS.map(([code, name]) => h('option', { value: code, text: name })));
    const consentForm = h('select', { name: 'consentForm' },
      ['WRITTEN', 'ORAL'].map((f) => h('option', { value: f, text: word(CONSENT_FORMS, f) })));
    const check = (name, text) => {
      const box = h('input', { type: 'checkbox', name, id: `referral-${name}` });
      return h('div', { class: 'choice', 'data-field': name }, box, h('label', { for: box.id, text }),
        h('p', { class: 'alert field-error', 'data-error-for': name }));
    };
    const general = generalLine('referral-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'referral-submit', text: t('hl.ref.send') });
    const form = h('form', { id: 'referral-form', novalidate: true },
      h('section', { class: 'card', 'aria-labelledby': 'ref-who' },
        h('h2', { id: 'ref-who', text: t('hl.ref.section.to') }),
        labelled(t('hl.ref.organisation'), org, { hint: t('hl.ref.organisationHint') }),
        orgs.length ? null : h('p', { class: 'alert', id: 'referral-no-organisations', text: t('hl.ref.noOrganisations') })),
      h('section', { class: 'card', 'aria-labelledby': 'ref-person' },
        h('h2', { id: 'ref-person', text: t('hl.ref.section.person') }),
        labelled(t('client.ageBand'), ageBand),
        labelled(t('client.region'), region),
        group(t('client.languages'), 'languages', COMMON_LANGUAGES.map((c) => ({ value: c, label: languageName(c) })), { inline: true }),
        group(t('client.needs'), 'needs', Object.keys(NEEDS).map((n) => ({ value: n, label: label(NEEDS, n, t) }))),
        check('digitalOnly', t('hl.ref.digitalOnly')),
        protectionSelect('NONE', 'referral-protection'),
        labelled(t('hl.ref.summary'), h('textarea', { name: 'summary', rows: '4', maxlength: '2000' }), { hint: t('hl.ref.summaryHint') })),
      h('section', { class: 'card', 'aria-labelledby': 'ref-ours' },
        h('h2', { id: 'ref-ours', text: t('hl.ref.section.ours') }),
        labelled(t('hl.ref.caseReference'), input('caseReference', { maxlength: '60' }), { hint: t('hl.ref.caseReferenceHint') }),
        labelled(t('hl.ref.contactName'), input('contactName', { maxlength: '120' }), { name: 'contact' }),
        labelled(t('hl.ref.contactPhone'), input('contactPhone', { type: 'tel', maxlength: '40' })),
        labelled(t('hl.ref.contactEmail'), input('contactEmail', { type: 'email', maxlength: '200' }))),
      h('section', { class: 'card', 'aria-labelledby': 'ref-consent' },
        h('h2', { id: 'ref-consent', text: t('hl.ref.section.consent') }),
        h('p', { class: 'hint', text: t('hl.ref.consentLead') }),
        check('consentHeld', t('hl.ref.consentHeld')),
        labelled(t('hl.ref.consentGivenOn'), h('input', { type: 'date', name: 'consentGivenOn', max: today() })),
        labelled(t('hl.ref.consentForm'), consentForm)),
      general, submit);
    const v = () => ({
      organisationId: org.value, ageBand: ageBand.value, region: region.value,
      languages: checkedValues(form, 'languages'), needs: checkedValues(form, 'needs'),
      digitalOnly: form.digitalOnly.checked, protectionLevel: form.protectionLevel.value,
      summary: form.summary.value.trim() || null,
      contact: { name: form.contactName.value.trim(), phone: form.contactPhone.value.trim() || null, email: form.contactEmail.value.trim() || null },
      caseReference: form.caseReference.value.trim(), consentGivenOn: form.consentGivenOn.value, consentForm: consentForm.value,
    });
    sendForm(form, general, submit, {
      check: () => {
        const x = v();
        return [
          !x.organisationId && ['organisationId', 'hl.err.required'],
          !x.ageBand && ['ageBand', 'hl.err.required'],
          !x.region && ['region', 'hl.err.required'],
          !x.languages.length && ['languages', 'hl.err.chooseOne'],
          !x.needs.length && ['needs', 'hl.err.chooseOne'],
          !x.caseReference && ['caseReference', 'hl.err.required'],
          !x.contact.name && ['contact', 'hl.err.required'],
          x.contact.email && !/^[^@\s]+@[^@\s]+$/.test(x.contact.email) && ['contactEmail', 'hl.err.email'],
          !form.consentHeld.checked && ['consentHeld', 'hl.err.consent'],
          !x.consentGivenOn && ['consentGivenOn', 'hl.err.required'],
          x.consentGivenOn > today() && ['consentGivenOn', 'hl.err.future'],
        ];
      },
      // The server has the last word on the links: a link removed meanwhile is refused beside the field.
      conflicts: { 'not-linked': 'organisationId' },
      send: () => api('POST', '/api/referrals', v()),
      done: (created) => {
        announce(t('hl.ref.sent'));
        location.hash = `#/insatser/${created.id}`;
      },
    });
    replace(body, form);
  }).catch(() => {
    if (!controller.signal.aborted) replace(body, h('p', { class: 'alert', role: 'alert', text: t('hl.loadError') }));
  });
  return () => controller.abort();
}
