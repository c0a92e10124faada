package se.bredvid.platform;

/** A value that must never reach a log line or an error message by accident. */
public record Secret(String value) {

    @Override
    public String toString() {
        return Redacted.MARK;
    }
}
