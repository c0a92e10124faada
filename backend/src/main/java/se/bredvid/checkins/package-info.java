/**
 * Check-ins: the agreed schedule, the client's answers, missed check-ins and requests for help with their acknowledgement and escalation.
 */
@Module(tables = {"checkin", "checkin_notification", "checkin_schedule"})
package se.bredvid.checkins;

import se.bredvid.platform.Module;
