package se.bredvid.platform;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * The last handler, for exceptions no specific handler knows. A request that failed because PostgreSQL
 * could not be reached (outage, failover, a pooled connection that died with the server) gets 503 with
 * Retry-After: its transaction was rolled back, nothing was stored, and it may be sent again. Anything
 * else is a bug: logged with its stack trace (PgJDBC is configured not to put row values into messages)
 * and answered with a 500 problem that says nothing about the server's insides.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
        if (isConnectionFailure(exception)) {
            LOG.warn("Database unavailable: {}", exception.getClass().getSimpleName());
            return ProblemResponses.of(new Problem(Problem.type("database-unavailable"), "Service unavailable",
                    503, "The database is not reachable right now. Nothing was stored; try again shortly.", List.of()))
                    .header("Retry-After", "1");
        }
        LOG.error("Unexpected error", exception);
        return ProblemResponses.of(new Problem(Problem.type("internal"), "Internal error", 500,
                "Something went wrong on the server. Nothing from this request was stored.", List.of()));
    }

    static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectionException || c instanceof SQLTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().contains("Connection is closed")) {
                return true;
            }
        }
        return false;
    }
}
