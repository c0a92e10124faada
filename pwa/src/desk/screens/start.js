// The start page for roles whose desk screens come later (handläggare, admin): says so calmly, and keeps
// the shell (sign-out, language) in reach. It reads no data.
import { h, replace } from '../../app/view.js';
import { t } from '../i18n.js';

export function render(main, { me }) {
  replace(main, h('section', { class: 'screen', id: 'start' },
    h('h1', { tabindex: '-1', text: t('start.title') }),
    h('p', { text: t(`start.text.${me.role}`) })));
}
