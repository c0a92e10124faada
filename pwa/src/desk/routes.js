// The desk's screens: who may see each, and the module that draws it (loaded only when opened, so a
// handläggare's browser never even fetches a coordinator's screen). The server stays the authority; this
// table only keeps the navigation honest. Later screens (volunteers, training, clients, matching, ...) are
// added here.
import { tl } from './i18n.js';

export const ROUTES = [
  { id: 'today', roles: ['COORDINATOR'], label: tl('nav.today'), load: () => import('./screens/today.js') },
  { id: 'volunteers', roles: ['COORDINATOR'], label: tl('volunteers.nav'), load: () => import('./screens/volunteers.js') },
  { id: 'training', roles: ['COORDINATOR'], label: tl('training.nav'), load: () => import('./screens/training.js') },
  { id: 'supervision', roles: ['COORDINATOR'], label: tl('supervision.nav'), load: () => import('./screens/supervision.js') },
  { id: 'clients', roles: ['COORDINATOR'], label: tl('clients.nav'), load: () => import('./screens/clients.js') },
  { id: 'matching', roles: ['COORDINATOR'], label: tl('matching.nav'), load: () => import('./screens/matching.js') },
  { id: 'assignments', roles: ['COORDINATOR'], label: tl('assignments.nav'), load: () => import('./screens/assignments.js') },
  { id: 'org-insatser', roles: ['COORDINATOR'], label: tl('oi.nav'), load: () => import('./screens/orginsats.js') },
  { id: 'overview', roles: ['COORDINATOR'], label: tl('overview.nav'), load: () => import('./screens/overview.js') },
  { id: 'devices', roles: ['COORDINATOR'], label: tl('nav.devices'), load: () => import('./screens/devices.js') },
  { id: 'inbox', roles: ['HANDLAGGARE'], label: tl('hl.nav.inbox'), load: () => import('./screens/inbox.js') },
  { id: 'insatser', roles: ['HANDLAGGARE'], label: tl('hl.nav.insatser'), load: () => import('./screens/insatser.js') },
  { id: 'time-reports', roles: ['HANDLAGGARE'], label: tl('hl.nav.timeReports'), load: () => import('./screens/timereports.js') },
  { id: 'staff', roles: ['ADMIN'], label: tl('admin.staff.nav'), load: () => import('./screens/staff.js') },
  { id: 'tenants', roles: ['ADMIN'], label: tl('admin.tenants.nav'), load: () => import('./screens/tenants.js') },
  { id: 'audit', roles: ['ADMIN'], label: tl('admin.audit.nav'), load: () => import('./screens/audit.js') },
  { id: 'keys', roles: ['ADMIN'], label: tl('admin.keys.nav'), load: () => import('./screens/keys.js') },
];

export function routesFor(role) {
  return ROUTES.filter((r) => r.roles.includes(role));
}

/** The route named by the address (#/today), if the role may open it; null for anything else. */
export function resolve(hash, role) {
  const id = (hash || '').replace(/^#\/?/, '').split(/[/?]/)[0];
  if (!id) return routesFor(role)[0] || null;
  return routesFor(role).find((r) => r.id === id) || null;
}
