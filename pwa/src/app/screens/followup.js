// The client's questionnaire at a follow-up of the insats (uppföljning). The answers go straight to the
// server and exist nowhere else on the phone: not in the vault, not in local storage (threat model 1).
// Who reads them is said before the first question; the municipality only if the box is ticked.
import { t, tl } from '../i18n.js';
import { choices, field, h } from '../view.js';
import { alertBox, call, formatDate, problemText, screen } from './common.js';
import { openFollowUp } from './home.js';

const YES = tl('followup.yes');
const NO = tl('followup.no');
// Question keys and answer values are the server's (se.bredvid.insats.Questionnaire); the words are ours.
export const QUESTIONS = {
  contactWorks: {
    label: tl('followup.contactWorks'),
    options: { 1: tl('followup.scale1'), 2: tl('followup.scale2'), 3: tl('followup.scale3'), 4: tl('followup.scale4'), 5: tl('followup.scale5') },
  },
  getsSupport: { label: tl('followup.getsSupport'), options: { YES, PARTLY: tl('followup.partly'), NO } },
  wantsToContinue: { label: tl('followup.wantsToContinue'), options: { YES, NO, UNSURE: tl('followup.unsure') } },
};

export async function render(app) {
  const followUp = await openFollowUp();
  if (!followUp) {
    return screen(t('followup.title'), t('followup.none'),
      h('button', { type: 'button', class: 'btn', id: 'back', onclick: () => app.go('home'), text: t('nav.back') }));
  }
  const error = alertBox('followup-error');
  const wishes = h('textarea', { id: 'followup-wishes', name: 'wishes', rows: '4', maxlength: '1000', dir: 'auto' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'followup-submit', text: t('followup.submit') });
  const asked = followUp.questions.map((q) => q.key);
  const groups = Object.entries(QUESTIONS).filter(([key]) => asked.includes(key)).map(([key, q]) => {
    const set = choices(t(q.label), key, Object.entries(q.options).map(([value, label]) => ({ value, label: t(label) })), { required: true });
    set.id = `q-${key}`;
    return set;
  });

  async function onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    error.textContent = '';
    const answer = {};
    for (const key of Object.keys(QUESTIONS).filter((k) => asked.includes(k))) {
      const value = form.querySelector(`input[name="${key}"]:checked`)?.value;
      if (!value) {
        error.textContent = t('followup.missing', { question: t(QUESTIONS[key].label) });
        form.querySelector(`input[name="${key}"]`).focus();
        return;
      }
      answer[key] = key === 'contactWorks' ? Number(value) : value;
    }
    const text = wishes.value.trim();
    if (text) answer.wishes = text;
    answer.shareWithMunicipality = form.querySelector('#followup-share').checked;
    submit.disabled = true;
    try {
      await call('POST', `/api/me/follow-ups/${encodeURIComponent(followUp.id)}/answer`, answer);
      app.go('home');
      app.announce(t('followup.thanks'));
    } catch (e) {
      submit.disabled = false;
      error.textContent = problemText(e, {
        contactWorks: t(QUESTIONS.contactWorks.label), getsSupport: t(QUESTIONS.getsSupport.label),
        wantsToContinue: t(QUESTIONS.wantsToContinue.label), wishes: t('followup.wishes'),
      });
    }
  }

  return screen(t('followup.title'), t('followup.intro'),
    h('section', { class: 'notice', id: 'followup-readers', 'aria-labelledby': 'followup-readers-title' },
      h('h2', { id: 'followup-readers-title', text: t('followup.whoTitle') }),
      h('p', { text: t('followup.whoText') })),
    h('p', { text: t('followup.date', { date: formatDate(followUp.plannedOn) }) }),
    followUp.answered && h('p', { class: 'notice', id: 'followup-answered', text: t('followup.answered') }),
    h('form', { id: 'followup-form', novalidate: true, onsubmit: onSubmit },
      groups,
      field(t('followup.wishes'), wishes, t('followup.wishesHint')),
      h('fieldset', { class: 'choices' },
        h('legend', { text: t('followup.share') }),
        h('p', { class: 'hint', id: 'followup-share-hint', text: t('followup.shareHint') }),
        h('div', { class: 'choice' },
          // Unticked by default: sharing with the municipality is the client's choice, every time.
          h('input', { type: 'checkbox', id: 'followup-share', name: 'shareWithMunicipality', 'aria-describedby': 'followup-share-hint' }),
          h('label', { for: 'followup-share', text: t('followup.shareLabel') }))),
      error,
      submit));
}
