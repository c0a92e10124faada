// The staff desk: sign-in, then a shell with the navigation the caller's role may use and one screen at a
// time (hash routes, #/today). Screens are modules with render(main, ctx) returning an optional cleanup.
import { h, replace } from '../app/view.js';
import { LANGUAGES, onLanguageChange, savedLanguage, setLanguage, t } from './i18n.js';
import { caller, onEnd, restore, signOut } from './session.js';
import { resolve, routesFor } from './routes.js';

const root = document.getElementById('desk');
let cleanup = null;
let endReason = null;
let rendering = 0;

function stopScreen() {
  if (cleanup) {
    try { cleanup(); } catch { /* a screen's cleanup must not stop the next one */ }
    cleanup = null;
  }
}

function announcer() {
  return h('div', { id: 'announce', class: 'visually-hidden', 'aria-live': 'assertive', 'aria-atomic': 'true' });
}

export function announce(text) {
  const el = document.getElementById('announce');
  if (!el) return;
  el.textContent = '';
  // A fresh text node after a tick, so screen readers announce a repeated message too.
  setTimeout(() => { el.textContent = text; }, 50);
}

function languageSwitch() {
  const select = h('select', { id: 'desk-language', class: 'lang-select' },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === document.documentElement.lang, text: l.name })));
  select.addEventListener('change', () => setLanguage(select.value));
  return h('div', { class: 'lang' }, h('label', { for: 'desk-language', class: 'visually-hidden', text: t('shell.language') }), select);
}

function signInHeader() {
  return h('header', { class: 'bar desk-bar', id: 'signin-header' }, h('p', { class: 'brand', text: t('shell.brand') }), languageSwitch());
}

async function showSignIn() {
  stopScreen();
  document.title = `${t('signin.title')} – Bredvid`;
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(root, announcer(), signInHeader(), main);
  const { render } = await import('./screens/signin.js');
  const reason = endReason;
  endReason = null;
  cleanup = render(main, { reason, onSignedIn: () => { location.hash = ''; route(); } }) || null;
}

function shell(me, active) {
  const nav = h('nav', { class: 'desk-nav', 'aria-label': t('shell.nav') },
    h('ul', {}, routesFor(me.role).map((r) => h('li', {},
      h('a', { href: `#/${r.id}`, 'data-route': r.id, 'aria-current': r.id === active ? 'page' : undefined, text: t(r.label) })))));
  const account = h('div', { class: 'account' },
    h('p', { class: 'who', text: t(`role.${me.role}`) }),
    languageSwitch(),
    h('button', { type: 'button', class: 'btn', id: 'sign-out', text: t('shell.signOut'), onclick: () => signOut() }),
    h('button', { type: 'button', class: 'btn', id: 'sign-out-everywhere', text: t('shell.signOutEverywhere'),
      onclick: () => signOut({ everywhere: true, reason: 'everywhere' }) }));
  return h('header', { class: 'bar desk-bar' },
    h('a', { class: 'skip', href: '#main', text: t('shell.skip'), onclick: (e) => { e.preventDefault(); document.getElementById('main')?.focus(); } }),
    h('p', { class: 'brand', text: t('shell.brand') }), nav, account);
}

async function route() {
  const me = caller();
  if (!me) return showSignIn();
  const mine = ++rendering;
  stopScreen();
  const target = resolve(location.hash, me.role);
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(root, announcer(), shell(me, target?.id), main);
  if (!target) {
    // The same page for a screen that does not exist and one this role may not open: nothing to probe.
    document.title = `${t('notFound.title')} – Bredvid`;
    replace(main, h('section', { class: 'screen', id: 'not-found' },
      h('h1', { tabindex: '-1', text: t('notFound.title') }),
      h('p', { text: t('notFound.text') }),
      h('p', {}, h('a', { href: '#/', text: t('notFound.home') }))));
    main.querySelector('h1').focus();
    return;
  }
  document.title = `${t(target.label)} – Bredvid`;
  const screen = await target.load();
  if (mine !== rendering) return;
  cleanup = screen.render(main, { me, announce }) || null;
  main.querySelector('h1')?.focus();
}

onEnd((reason) => {
  endReason = reason;
  showSignIn();
});

window.addEventListener('hashchange', () => { if (caller()) route(); });
onLanguageChange(async () => {
  if (caller()) {
    await route();
  } else {
    // The sign-in screen redraws itself in the new language and keeps its step (an enrolment in progress).
    document.getElementById('signin-header')?.replaceWith(signInHeader());
    document.title = `${t('signin.title')} – Bredvid`;
  }
  // After every listener has redrawn: the person's focus stays on the language control they used.
  setTimeout(() => document.getElementById('desk-language')?.focus(), 0);
});

async function start() {
  await setLanguage(savedLanguage(), { remember: false });
  if (await restore()) route();
  else showSignIn();
}

start();
