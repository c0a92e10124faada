// The app shell: one in-memory router (no URL changes, so quick exit leaves a single history entry to
// replace), the persistent quick-exit and help controls, the app lock, and the service worker.
import { loadConfig, neutralUrl } from './config.js';
import { onLanguageChange, savedLanguage, setLanguage, t, tl } from './i18n.js';
import { h, replace } from './view.js';
import * as vault from './vault.js';
import * as session from './session.js';
import * as welcome from './screens/welcome.js';
import * as setup from './screens/setup.js';
import * as lock from './screens/lock.js';
import * as home from './screens/home.js';
import * as chat from './screens/chat.js';
import * as checkin from './screens/checkin.js';
import * as help from './screens/help.js';
import * as safety from './screens/safety.js';
import * as settings from './screens/settings.js';

const SCREENS = { welcome, setup, lock, home, chat, checkin, help, safety, settings };
// The insats screens are loaded when first opened (the service worker pre-caches them all the same):
// the first screen, the lock, does not wait for them.
const LATER = {
  followup: () => import('./screens/followup.js'),
  myinsats: () => import('./screens/myinsats.js'),
  insatser: () => import('./screens/insatser.js'),
  reports: () => import('./screens/reports.js'),
  support: () => import('./screens/support.js'),
  checkins: () => import('./screens/checkins.js'),
};
const TITLES = {
  welcome: tl('screen.welcome'), setup: tl('screen.setup'), lock: tl('screen.lock'), home: tl('screen.home'),
  chat: tl('screen.chat'), checkin: tl('screen.checkin'), help: tl('screen.help'), safety: tl('screen.safety'),
  settings: tl('screen.settings'), followup: tl('followup.title'), insatser: tl('insatser.title'), reports: tl('reports.title'),
  support: tl('support.title'), checkins: tl('checkins.title'), myinsats: tl('myinsats.title'),
};
// Short labels under icons, so that a 320 px phone never breaks a word.
const TABS = [['home', tl('nav.home'), 'home'], ['chat', tl('nav.chat'), 'chat'], ['checkin', tl('nav.checkin'), 'check'],
  ['settings', tl('nav.settings'), 'more']];
// The kontaktperson answers no check-in: her tab shows the ones she receives, missed, and the schedule.
const VOLUNTEER_TABS = [['home', tl('nav.home'), 'home'], ['chat', tl('nav.chat'), 'chat'], ['checkins', tl('nav.checkins'), 'list'],
  ['settings', tl('nav.settings'), 'more']];
const ICONS = {
  home: 'M4 11 12 4l8 7v9h-5v-6H9v6H4z',
  chat: 'M4 5h16v11H9l-5 4z',
  check: 'M5 13l4 4L19 7',
  list: 'M5 7h14M5 12h14M5 17h9',
  more: 'M6 12h.01M12 12h.01M18 12h.01',
};

function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'tab-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}
// Screens that may be shown while the vault is locked (help is one tap away even before the PIN,
// unless the app is disguised: then nothing identifying shows before the PIN).
const OPEN_SCREENS = new Set(['welcome', 'setup', 'lock', 'help', 'safety']);
// Screens for one kind of device only: the follow-up questionnaire and her own insats are the client's; the insatser and
// time reports are the kontaktperson's (the server refuses the other kind too).
const DEVICE_SCREENS = { followup: 'CLIENT', myinsats: 'CLIENT', checkin: 'CLIENT', insatser: 'VOLUNTEER', reports: 'VOLUNTEER', support: 'VOLUNTEER' };

const root = document.documentElement;
const disguised = root.dataset.disguise === 'notes';
let current = { name: null, params: {} };
let previous = null;
let exiting = false;
let shown = null;
let updateAccepted = false;
let waitingWorker = null;

export const app = {
  disguised,
  go,
  back,
  lock: lockApp,
  quickExit,
  announce,
  current: () => current,
};

function appName() {
  return disguised ? t('app.nameNeutral') : t('app.name');
}

function renderShell() {
  const unlocked = session.isUnlocked();
  const showHelp = unlocked || !disguised;
  const header = h('header', { class: 'bar' },
    h('p', { class: 'brand', text: appName() }),
    h('div', { class: 'bar-actions' },
      showHelp && h('button', {
        type: 'button', class: 'btn btn-help', id: 'help-button',
        onclick: () => go('help'), text: t('nav.help'),
      }),
      h('button', {
        type: 'button', class: 'btn btn-exit', id: 'quick-exit',
        // Disguised, the control still works the same but its label is as plain as a notes app's.
        onclick: quickExit, text: disguised ? t('quickExit.buttonNeutral') : t('quickExit.button'),
        'aria-keyshortcuts': 'Escape',
        title: disguised ? undefined : t('quickExit.hint'),
      })));
  const main = h('main', { id: 'main', tabindex: '-1' });
  const nav = unlocked && h('nav', { class: 'tabs', 'aria-label': t('nav.label') },
    h('ul', null, (session.currentDevice()?.kind === 'VOLUNTEER' ? VOLUNTEER_TABS : TABS).map(([name, key, glyph]) => h('li', null, h('button', {
      type: 'button', class: 'tab', 'data-screen': name,
      'aria-current': current.name === name ? 'page' : undefined,
      onclick: () => go(name),
    }, icon(glyph), h('span', { class: 'tab-label', text: t(key) }))))));
  const status = h('div', { id: 'status', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const banner = h('div', { id: 'banner' }, waitingWorker && updateBanner(waitingWorker));
  // The skip link moves focus without changing the URL: a #fragment would add a history entry that
  // Back could return to after a quick exit.
  const skip = h('a', {
    class: 'skip', href: '#main', text: t('nav.skip'),
    onclick: (e) => { e.preventDefault(); main.focus(); },
  });
  replace(document.body, skip, header, banner, main, nav, status);
  return main;
}

async function go(name, params = {}) {
  if (exiting) return;
  if (!SCREENS[name] && !LATER[name]) name = 'home';
  if (!session.isUnlocked() && !OPEN_SCREENS.has(name)) name = (await vault.exists()) ? 'lock' : 'welcome';
  if (disguised && !session.isUnlocked() && (name === 'help' || name === 'safety')) name = 'lock';
  if (DEVICE_SCREENS[name] && session.currentDevice()?.kind !== DEVICE_SCREENS[name]) name = 'home';
  if (current.name && current.name !== name) previous = { ...current };
  current = { name, params };
  document.title = disguised ? t('app.nameNeutral') : `${t(TITLES[name])} – ${t('app.name')}`;
  const focusedId = params.keepFocus ? document.activeElement?.id : null;
  shown?.cleanup?.();
  shown = null;
  const main = renderShell();
  let module = SCREENS[name];
  if (!module) {
    try {
      module = await LATER[name]();
    } catch {
      module = home;
    }
  }
  const node = await module.render(app, params);
  if (current.name !== name || exiting) return;
  shown = node;
  replace(main, node);
  const heading = main.querySelector('h1');
  (heading || main).setAttribute('tabindex', '-1');
  // A re-render in place (a new language) keeps focus on the control the person was using.
  const again = focusedId && document.getElementById(focusedId);
  (again || heading || main).focus();
}

function back() {
  go(previous && previous.name !== current.name ? previous.name : (session.isUnlocked() ? 'home' : 'lock'));
}

function announce(text) {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = '';
    setTimeout(() => { status.textContent = text; }, 50);
  }
}

function lockApp() {
  session.lock();
  previous = null;
  if (exiting) return;
  // Calling a line from the help screen sends the app to the background and locks it; the numbers stay
  // on screen when the person comes back (unless disguised: then nothing shows before the PIN).
  const stay = !disguised && (current.name === 'help' || current.name === 'safety');
  go(stay ? current.name : 'lock', stay ? { ...current.params, keepFocus: true } : {});
}

/**
 * Quick exit (threat model 1): lock, wipe the screen and replace this history entry with the neutral
 * site, so Back does not return here and a reload asks for the PIN. Synchronous on purpose: nothing
 * may wait on the network or storage before the page leaves.
 */
function quickExit() {
  exiting = true;
  session.lock();
  document.title = '';
  document.body.replaceChildren();
  location.replace(neutralUrl());
}

let escapes = [];
function onKey(event) {
  if (event.key !== 'Escape') return;
  const now = performance.now();
  escapes = escapes.filter((at) => now - at < 1500);
  escapes.push(now);
  if (escapes.length >= 3) quickExit();
}

// Lock after N idle minutes (chosen at set-up) and whenever the app leaves the screen: someone else
// may pick the phone up.
let lastActivity = performance.now();
function touch() {
  lastActivity = performance.now();
}
function checkIdle() {
  if (!session.isUnlocked()) return;
  const minutes = session.idleMinutes();
  if (performance.now() - lastActivity > minutes * 60000) lockApp();
}

function onHidden() {
  if (document.visibilityState === 'hidden' && session.isUnlocked()) {
    session.saveDrafts();
    lockApp();
  }
}

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const offer = (worker) => {
      if (worker && navigator.serviceWorker.controller) showUpdate(worker);
    };
    offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    });
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // The first install also changes the controller (clients.claim); only an accepted update reloads.
      if (!updateAccepted || reloading || exiting) return;
      reloading = true;
      location.reload();
    });
  } catch {
    // No service worker (e.g. private mode): the app still works online.
  }
}

/** The update prompt: the new version waits until the user agrees, after the draft is saved. */
function showUpdate(worker) {
  waitingWorker = worker;
  const banner = document.getElementById('banner');
  if (banner && !exiting) replace(banner, updateBanner(worker));
}

function updateBanner(worker) {
  return h('div', { class: 'update', role: 'region', 'aria-label': t('update.label') },
    h('p', { text: t('update.text') }),
    h('button', {
      type: 'button', class: 'btn', id: 'update-now', text: t('update.button'),
      onclick: async () => {
        await session.saveDrafts();
        updateAccepted = true;
        worker.postMessage({ type: 'skip-waiting' });
      },
    }));
}

async function start() {
  await Promise.all([setLanguage(savedLanguage(), { remember: false }), loadConfig()]);
  onLanguageChange(() => go(current.name || 'welcome', { ...current.params, keepFocus: true }));
  document.addEventListener('keydown', onKey, true);
  for (const type of ['pointerdown', 'keydown', 'input', 'touchstart']) {
    document.addEventListener(type, touch, { passive: true, capture: true });
  }
  setInterval(checkIdle, 5000);
  document.addEventListener('visibilitychange', onHidden);
  // The messaging engine (and with it the HPKE library) loads only once unlocked: not on the first screen.
  let messaging = null;
  session.onUnlocked(() => {
    import('./push.js').then((p) => p.renew());
    import('./messaging.js').then((m) => {
      messaging = m;
      if (session.isUnlocked()) m.start();
    }).catch(() => {});
  });
  session.onLocked(() => {
    messaging?.stop();
    if (!exiting && current.name !== 'lock' && !OPEN_SCREENS.has(current.name)) go('lock');
  });
  await go((await vault.exists()) ? 'lock' : 'welcome');
  performance.mark('bredvid-interactive');
  root.dataset.ready = 'true';
  registerServiceWorker();
}

start();
