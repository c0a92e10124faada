/**
 * Recruiting: volunteer applications, interviews, background checks, training, supervision and the recruiting overview.
 */
@Module(tables = {"background_check", "supervision_attendance", "supervision_session", "training_attendance", "training_cohort", "training_cohort_member", "training_session", "training_theme", "volunteer", "volunteer_interview", "volunteer_transition"})
package se.bredvid.recruiting;

import se.bredvid.platform.Module;
