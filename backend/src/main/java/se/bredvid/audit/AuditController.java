package se.bredvid.audit;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import se.bredvid.platform.Roles;

@Controller("/api/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** Verifies the whole hash chain and names the first broken entry. */
    @Get("/verify")
    @Secured(Roles.ADMIN)
    AuditLog.Verification verify() {
        return audit.verify();
    }
}
