package se.bredvid.matching.engine;

/** How a client wants to meet the contact person. */
public enum MeetingMode {
    /** Physical meetings: the volunteer must be able to reach the client's region. */
    IN_PERSON,
    /** Phone and video only: the volunteer must be willing to give digital support. */
    DIGITAL,
    /**
     * Either way; both is best ("some physical meetings but also support by phone/video — better than
     * nothing", seed 001:571).
     */
    BOTH
}
