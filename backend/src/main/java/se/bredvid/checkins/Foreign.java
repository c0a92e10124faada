package se.bredvid.checkins;

final class Foreign {
    static final String SQL = "select count(*) from conversation";

    private Foreign() {
    }
}
