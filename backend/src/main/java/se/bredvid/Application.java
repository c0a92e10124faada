package se.bredvid;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import se.bredvid.audit.AuditVerifyCommand;

@OpenAPIDefinition(info = @Info(title = "Bredvid API", version = "0.1",
        description = "Kontaktperson service for people who have left honour-related violence and oppression."
                + " Every error is application/problem+json (RFC 9457)."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit-verify")) {
            try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(true).start()) {
                System.exit(AuditVerifyCommand.run(context, System.out));
            }
        }
        Micronaut.run(Application.class, args);
    }
}
