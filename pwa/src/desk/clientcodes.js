// The matching API's codes and the words a coordinator reads for them. Every key is written out (tl) so that
// the desk test finds each one in both translation files; no raw code ever reaches the screen.
import { tl } from './i18n.js';

export const AGE_BANDS = {
  AGE_13_17: tl('client.age.AGE_13_17'), AGE_18_25: tl('client.age.AGE_18_25'), AGE_26_35: tl('client.age.AGE_26_35'),
  AGE_36_50: tl('client.age.AGE_36_50'), AGE_51_PLUS: tl('client.age.AGE_51_PLUS'),
};

export const NEEDS = {
  HOUSING: tl('client.need.HOUSING'), STUDIES_AND_WORK: tl('client.need.STUDIES_AND_WORK'),
  BREAKING_ISOLATION: tl('client.need.BREAKING_ISOLATION'), RIGHTS_AND_SOCIETY: tl('client.need.RIGHTS_AND_SOCIETY'),
  AUTHORITY_CONTACTS: tl('client.need.AUTHORITY_CONTACTS'), EMOTIONAL_SUPPORT: tl('client.need.EMOTIONAL_SUPPORT'),
};

export const MEETING_MODES = {
  BOTH: tl('client.meeting.BOTH'), IN_PERSON: tl('client.meeting.IN_PERSON'), DIGITAL: tl('client.meeting.DIGITAL'),
};

export const GENDERS = {
  WOMAN: tl('client.gender.WOMAN'), MAN: tl('client.gender.MAN'), NON_BINARY: tl('client.gender.NON_BINARY'),
};

export const SHARED_BACKGROUND = {
  NO_PREFERENCE: tl('client.shared.NO_PREFERENCE'), WANTED: tl('client.shared.WANTED'), NOT_WANTED: tl('client.shared.NOT_WANTED'),
};

/** Protected identity (skyddade personuppgifter, 003:783-797), in order of strictness, and what each level implies. */
export const PROTECTION_LEVELS = {
  NONE: tl('protection.NONE'), SEKRETESSMARKERING: tl('protection.SEKRETESSMARKERING'),
  SKYDDAD_FOLKBOKFORING: tl('protection.SKYDDAD_FOLKBOKFORING'), FINGERADE_PERSONUPPGIFTER: tl('protection.FINGERADE_PERSONUPPGIFTER'),
};

export const PROTECTION_RULES = {
  NONE: tl('protection.rule.NONE'), SEKRETESSMARKERING: tl('protection.rule.SEKRETESSMARKERING'),
  SKYDDAD_FOLKBOKFORING: tl('protection.rule.SKYDDAD_FOLKBOKFORING'), FINGERADE_PERSONUPPGIFTER: tl('protection.rule.FINGERADE_PERSONUPPGIFTER'),
};

export const CLIENT_STATUS = {
  WAITING: tl('clients.status.WAITING'), MATCHED: tl('clients.status.MATCHED'), CLOSED: tl('clients.status.CLOSED'),
};

/** The engine's soft criteria: a name, and a sentence per outcome (NO_PREFERENCE shares one sentence). */
export const CRITERIA = {
  PREFERRED_LANGUAGE: { name: tl('matching.crit.PREFERRED_LANGUAGE'), MATCHED: tl('matching.crit.PREFERRED_LANGUAGE.MATCHED'), PARTLY_MATCHED: tl('matching.crit.PREFERRED_LANGUAGE.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.PREFERRED_LANGUAGE.NOT_MATCHED') },
  COMMON_LANGUAGE: { name: tl('matching.crit.COMMON_LANGUAGE'), MATCHED: tl('matching.crit.COMMON_LANGUAGE.MATCHED'), PARTLY_MATCHED: tl('matching.crit.COMMON_LANGUAGE.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.COMMON_LANGUAGE.NOT_MATCHED') },
  GENDER: { name: tl('matching.crit.GENDER'), MATCHED: tl('matching.crit.GENDER.MATCHED'), PARTLY_MATCHED: tl('matching.crit.GENDER.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.GENDER.NOT_MATCHED') },
  AGE: { name: tl('matching.crit.AGE'), MATCHED: tl('matching.crit.AGE.MATCHED'), PARTLY_MATCHED: tl('matching.crit.AGE.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.AGE.NOT_MATCHED') },
  SHARED_BACKGROUND: { name: tl('matching.crit.SHARED_BACKGROUND'), MATCHED: tl('matching.crit.SHARED_BACKGROUND.MATCHED'), PARTLY_MATCHED: tl('matching.crit.SHARED_BACKGROUND.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.SHARED_BACKGROUND.NOT_MATCHED') },
  INTERESTS: { name: tl('matching.crit.INTERESTS'), MATCHED: tl('matching.crit.INTERESTS.MATCHED'), PARTLY_MATCHED: tl('matching.crit.INTERESTS.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.INTERESTS.NOT_MATCHED') },
  NEEDS: { name: tl('matching.crit.NEEDS'), MATCHED: tl('matching.crit.NEEDS.MATCHED'), PARTLY_MATCHED: tl('matching.crit.NEEDS.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.NEEDS.NOT_MATCHED') },
  MEETING_MODE: { name: tl('matching.crit.MEETING_MODE'), MATCHED: tl('matching.crit.MEETING_MODE.MATCHED'), PARTLY_MATCHED: tl('matching.crit.MEETING_MODE.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.MEETING_MODE.NOT_MATCHED') },
  AVAILABILITY: { name: tl('matching.crit.AVAILABILITY'), MATCHED: tl('matching.crit.AVAILABILITY.MATCHED'), PARTLY_MATCHED: tl('matching.crit.AVAILABILITY.PARTLY_MATCHED'), NOT_MATCHED: tl('matching.crit.AVAILABILITY.NOT_MATCHED') },
};

/** The hard rules: why a volunteer may not be proposed. */
export const CONFLICTS = {
  NOT_APPROVED: tl('matching.conflict.NOT_APPROVED'), NOT_TRAINED: tl('matching.conflict.NOT_TRAINED'),
  NO_FREE_CAPACITY: tl('matching.conflict.NO_FREE_CAPACITY'), EXCLUDED_VOLUNTEER: tl('matching.conflict.EXCLUDED_VOLUNTEER'),
  EXCLUDED_COMMUNITY: tl('matching.conflict.EXCLUDED_COMMUNITY'), EXCLUDED_PLACE: tl('matching.conflict.EXCLUDED_PLACE'),
  EXCLUDED_LANGUAGE: tl('matching.conflict.EXCLUDED_LANGUAGE'), ENDED_FOR_CAUSE: tl('matching.conflict.ENDED_FOR_CAUSE'),
  CANNOT_MEET_IN_PERSON: tl('matching.conflict.CANNOT_MEET_IN_PERSON'), NOT_WILLING_DIGITAL: tl('matching.conflict.NOT_WILLING_DIGITAL'),
  NO_COMMON_MEETING_MODE: tl('matching.conflict.NO_COMMON_MEETING_MODE'), REQUIRED_LANGUAGE_MISSING: tl('matching.conflict.REQUIRED_LANGUAGE_MISSING'),
  SHARED_BACKGROUND_NOT_WANTED: tl('matching.conflict.SHARED_BACKGROUND_NOT_WANTED'), REQUIRED_GENDER_MISMATCH: tl('matching.conflict.REQUIRED_GENDER_MISMATCH'),
  REQUIRED_AGE_MISMATCH: tl('matching.conflict.REQUIRED_AGE_MISMATCH'),
};

export const UNMATCHED = {
  NO_FEASIBLE_VOLUNTEER: tl('matching.unmatched.NO_FEASIBLE_VOLUNTEER'), CAPACITY_TAKEN: tl('matching.unmatched.CAPACITY_TAKEN'),
  MINOR_RULE: tl('matching.unmatched.MINOR_RULE'),
};

export const ASSIGNMENT_STATES = {
  PROPOSED: tl('assignments.state.PROPOSED'), AWAITING_DECISION: tl('assignments.state.AWAITING_DECISION'),
  ACTIVE: tl('assignments.state.ACTIVE'), PAUSED: tl('assignments.state.PAUSED'), ENDED: tl('assignments.state.ENDED'),
};

export const KINDS = { IDEELL: tl('assignments.kind.IDEELL'), INSATS: tl('assignments.kind.INSATS') };

export const END_REASONS = {
  GOAL_REACHED: tl('assignment.end.GOAL_REACHED'), CLIENT_ENDED: tl('assignment.end.CLIENT_ENDED'),
  VOLUNTEER_ENDED: tl('assignment.end.VOLUNTEER_ENDED'), SAFETY: tl('assignment.end.SAFETY'), MOVED: tl('assignment.end.MOVED'),
  DECISION_REFUSED: tl('assignment.end.DECISION_REFUSED'), OTHER: tl('assignment.end.OTHER'),
};

/** A label for a code, or the generic word when the server sends one this desk does not know yet. */
export function label(table, code, t, fallback) {
  return table[code] ? t(table[code]) : t(fallback);
}

/** The sentence for one criterion line of an explanation. */
export function criterionSentence(line, t) {
  const c = CRITERIA[line.criterion];
  if (!c) return t('matching.crit.other');
  if (line.outcome === 'NO_PREFERENCE') return t('matching.crit.noPreference', { name: t(c.name).toLowerCase() });
  return c[line.outcome] ? t(c[line.outcome]) : t('matching.crit.other');
}

/** The request field that carries a protection level (the server also takes the older protectedIdentity flag). */
export function protectionField(level) {
  return { protectionLevel: level || 'NONE' };
}
