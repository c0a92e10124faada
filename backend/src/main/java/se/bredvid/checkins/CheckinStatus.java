package se.bredvid.checkins;

/**
 * The one part of a check-in answer the server sees in clear, so that it can escalate (protocol §9).
 * Everything else (mood, safety, needs, note) is inside the encrypted envelope.
 */
public enum CheckinStatus {
    OK, WANT_CONTACT, NEED_HELP
}
