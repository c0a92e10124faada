// First start on this device: choose a language and begin set-up.
import { t } from '../i18n.js';
import { h } from '../view.js';
import { languagePicker, screen } from './common.js';

export function render(app) {
  return screen(
    app.disguised ? t('app.nameNeutral') : t('welcome.title'),
    app.disguised ? t('welcome.introNeutral') : t('welcome.intro'),
    languagePicker(),
    h('button', { type: 'button', class: 'btn btn-primary', id: 'start-setup', onclick: () => app.go('setup'), text: t('welcome.start') }),
  );
}
