package se.bredvid.audit;

import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;

/**
 * {@code java -jar bredvid.jar audit-verify}: checks the whole audit hash chain against the configured
 * database without starting the HTTP server, prints the result as JSON and exits 0 when intact, 1 when a
 * link is broken (naming the first broken entry).
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static int run(ApplicationContext context, PrintStream out) {
        AuditLog.Verification v = context.getBean(AuditLog.class).verify();
        out.println("{\"intact\":" + v.intact() + ",\"entriesChecked\":" + v.entriesChecked()
                + ",\"firstBrokenSeq\":" + v.firstBrokenSeq() + "}");
        return v.intact() ? 0 : 1;
    }
}
