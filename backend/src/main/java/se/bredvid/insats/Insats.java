package se.bredvid.insats;

/** The small vocabularies of the insats process (SOSFS 2014:5; Stockholm's guideline 003:745-800). */
public final class Insats {

    private Insats() {
    }

    public enum Origin { ORGANISATION, MUNICIPALITY }

    public enum InvestigationOutcome { SUITABLE, NOT_SUITABLE }

    public enum DecisionOutcome { GRANTED, REFUSED }

    public enum DecisionKind { INITIAL, CHANGE }

    public enum FollowUpOutcome { CONTINUE, CHANGE, END }

    public enum EndReason { GOAL_REACHED, NEED_CHANGED, CLIENT_ENDED, MOVED, OTHER }

    /** What the client agreed may flow to the municipality: the proposal itself, and follow-up reports. */
    public enum ConsentScope { PROPOSAL, FOLLOW_UP }

    public enum ConsentForm { ORAL, WRITTEN, IN_APP }

    /** Who wrote a plan version: the organisation's coordinator, the kontaktperson, or (MUNICIPALITY model) the handläggare. */
    public enum Drafter { COORDINATOR, VOLUNTEER, HANDLAGGARE }

    /** How a follow-up was held (003:777). */
    public enum HeldHow { MEETING, PHONE, VIDEO }
}
