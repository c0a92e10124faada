// The installation's configuration (/config.json): the neutral site for quick exit and the local
// support lines. Everything in it is checked, because a broken value must never stop quick exit.

export const DEFAULT_NEUTRAL_SITE = 'https://www.smhi.se/';

let neutralSite = DEFAULT_NEUTRAL_SITE;
let supportLines = [];
let coordinatorLine = null;

function safeUrl(value) {
  try {
    const url = new URL(value, location.href);
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      // Never the app's own origin: Back or a reload there would bring the app back.
      if (url.origin !== location.origin) return url.href;
    }
  } catch {
    // fall through to the default
  }
  return DEFAULT_NEUTRAL_SITE;
}

function safeLines(value) {
  if (!Array.isArray(value)) return [];
  return value
    .filter((l) => l && typeof l.name === 'string' && typeof l.number === 'string'
      && /^[+0-9 ()-]{2,24}$/.test(l.number) && l.name.length <= 80)
    .map((l) => ({ name: l.name, number: l.number, hours: typeof l.hours === 'string' ? l.hours.slice(0, 80) : '' }));
}

export async function loadConfig() {
  try {
    const response = await fetch('/config.json');
    if (response.ok) {
      const json = await response.json();
      neutralSite = safeUrl(json.neutralSite);
      supportLines = safeLines(json.supportLines);
      // The organisation's own number for its kontaktpersoner (on duty), shown with an alarm.
      coordinatorLine = safeLines(json.coordinatorLine ? [json.coordinatorLine] : [])[0] || null;
    }
  } catch {
    // Offline without a cached copy: keep the defaults.
  }
}

export function neutralUrl() {
  return neutralSite;
}

export function localSupportLines() {
  return supportLines;
}

export function coordinatorContact() {
  return coordinatorLine;
}
