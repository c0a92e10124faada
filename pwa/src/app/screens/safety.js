// Digital safety tips (DOMAIN.md, "Safety planning"): the phone, the internet, this app, a cover story.
import { t, tl } from '../i18n.js';
import { h } from '../view.js';
import { screen } from './common.js';

export const SECTIONS = [
  { title: tl('safety.phoneTitle'), tips: [tl('safety.phonePin'), tl('safety.phoneLocation'), tl('safety.phoneApps'), tl('safety.phoneNumber')] },
  { title: tl('safety.onlineTitle'), tips: [tl('safety.onlineSocial'), tl('safety.onlineAccounts'), tl('safety.onlineHistory')] },
  { title: tl('safety.appTitle'), tips: [tl('safety.appExit'), tl('safety.appDisguise'), tl('safety.appNotifications'), tl('safety.appWipe')] },
  { title: tl('safety.storyTitle'), tips: [tl('safety.storyText')] },
];

export function render(app) {
  return screen(t('safety.title'), t('safety.intro'),
    SECTIONS.map((s) => h('section', { class: 'card' },
      h('h2', { text: t(s.title) }),
      h('ul', { class: 'tips' }, s.tips.map((k) => h('li', { text: t(k) }))))),
    h('button', { type: 'button', class: 'btn', id: 'back', onclick: () => app.back(), text: t('nav.back') }));
}
