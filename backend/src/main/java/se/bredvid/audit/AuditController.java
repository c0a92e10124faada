package se.bredvid.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import se.bredvid.platform.Roles;

@Controller("/api/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final AuditLog audit;
    private final AuditSearchStore search;

    AuditController(AuditLog audit, AuditSearchStore search) {
        this.audit = audit;
        this.search = search;
    }

    /**
     * Entries newest first, filtered on the server: {@code actor} (account or device id), {@code action},
     * {@code objectType}, {@code objectId}, {@code from}/{@code to} (ISO instants, to exclusive), {@code page}
     * (from 0) and {@code size} (1-200, default 50). A bad parameter is a 400 naming it.
     */
    @Get
    @Secured(Roles.ADMIN)
    AuditSearchStore.Page entries(@QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                             @QueryValue @Nullable String objectType, @QueryValue @Nullable String objectId,
                             @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                             @QueryValue @Nullable String page, @QueryValue @Nullable String size) {
        return search.search(AuditSearchStore.Query.parse(actor, action, objectType, objectId, from, to, page, size));
    }

    /** Verifies the whole hash chain and names the first broken entry. */
    @Get("/verify")
    @Secured(Roles.ADMIN)
    AuditLog.Verification verify() {
        return audit.verify();
    }
}
