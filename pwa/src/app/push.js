// Web Push on this phone (docs/protocol.md §10). A push only wakes the app: the service worker shows a
// neutral notification ("Påminnelse", or the disguise's name and icon), never a name or any content, and a
// tap opens the app at its lock screen. For a client it is her choice and off until she turns it on (others
// may see her lock screen); a kontaktperson is asked after pairing, with what a notification will show.
import { fromBase64url } from '../crypto/bytes.js';
import { t } from './i18n.js';
import * as session from './session.js';
import { h, replace } from './view.js';
import { call } from './screens/common.js';

const READY_TIMEOUT_MS = 5000;

export function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export function enabled() {
  return Boolean(session.currentVault()?.one('push')?.data.enabled);
}

async function registration() {
  return Promise.race([navigator.serviceWorker.ready,
    new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker')), READY_TIMEOUT_MS))]);
}

/** Tells the service worker which face its notifications wear (the disguise's, or the plain one). */
function sendProfile(reg) {
  const disguised = document.documentElement.dataset.disguise === 'notes';
  (reg.active || reg.waiting || reg.installing)?.postMessage({ type: 'push-profile', disguised });
}

/** Subscribes (asking for permission first) and registers the subscription; throws when refused. */
export async function enable() {
  if (!supported()) throw new Error('unsupported');
  if (await Notification.requestPermission() !== 'granted') throw new Error('denied');
  const { publicKey } = await call('GET', '/api/push/vapid-public-key');
  const reg = await registration();
  sendProfile(reg);
  let subscription = await reg.pushManager.getSubscription();
  if (!subscription) {
    subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(publicKey, 65) });
  }
  await call('PUT', '/api/push/subscription', subscription.toJSON());
  await session.currentVault()?.setOne('push', { enabled: true, endpoint: subscription.endpoint });
}

/** Unsubscribes here and on the server (both best effort: the wipe must not wait for either). */
export async function disable() {
  try {
    const reg = await registration();
    await (await reg.pushManager.getSubscription())?.unsubscribe();
  } catch {
    // No service worker or no subscription: nothing to undo here.
  }
  try {
    await call('DELETE', '/api/push/subscription');
  } catch {
    // Offline: the server stops waking a revoked device anyway.
  }
  await session.currentVault()?.setOne('push', { enabled: false });
}

/** After an unlock: a subscription the browser renewed or dropped is registered again. */
export async function renew() {
  if (!enabled() || !supported() || Notification.permission !== 'granted') return;
  try {
    const reg = await registration();
    sendProfile(reg);
    const current = await reg.pushManager.getSubscription();
    const stored = session.currentVault()?.one('push')?.data.endpoint;
    if (current && current.endpoint === stored) return;
    await enable();
  } catch {
    // Tried again at the next unlock.
  }
}

/** The switch in settings: what a notification shows and does not show, and on/off. */
export function settingsCard() {
  const status = h('p', { id: 'push-status', role: 'status' });
  const area = h('div', { id: 'push-area' });
  function draw() {
    if (!supported()) {
      status.textContent = t('push.unsupported');
      replace(area);
      return;
    }
    const on = enabled();
    status.textContent = t(on ? 'push.isOn' : 'push.isOff');
    replace(area, h('button', {
      type: 'button', class: 'btn', id: on ? 'push-disable' : 'push-enable', text: t(on ? 'push.turnOff' : 'push.turnOn'),
      onclick: async (e) => {
        e.target.disabled = true;
        try {
          await (on ? disable() : enable());
        } catch (error) {
          status.textContent = t(error?.message === 'denied' ? 'push.denied' : 'push.failed');
          e.target.disabled = false;
          return;
        }
        draw();
      },
    }));
  }
  draw();
  return h('section', { class: 'card', 'aria-labelledby': 'settings-push' },
    h('h2', { id: 'settings-push', text: t('push.title') }),
    h('p', { text: t(session.currentDevice()?.kind === 'CLIENT' ? 'push.explainClient' : 'push.explainVolunteer') }),
    status, area);
}

/** On the kontaktperson's Start, until notifications are on: the offer, with what they show. */
export function offerCard() {
  if (enabled() || session.currentDevice()?.kind !== 'VOLUNTEER') return null;
  if (supported() && Notification.permission === 'denied') return null;
  return settingsCard();
}
