/**
 * Notifications: the staff worklist, its live stream and its mail (digest and urgent rounds).
 */
@Module(tables = {"staff_notification", "staff_notification_counter", "staff_notification_email"})
package se.bredvid.notifications;

import se.bredvid.platform.Module;
