package se.bredvid.platform;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Gives every request a random id, put on every log line of the request (MDC key {@code requestId}) and
 * returned in {@code X-Request-Id} so a user's report can be matched with the logs. The id is random and
 * not taken from the request: a client cannot inject text into our logs through it.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIdFilter implements HttpServerFilter {

    static final String HEADER = "X-Request-Id";
    private final SecureRandom random;

    RequestIdFilter(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        PropagatedContext context = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(Map.of("requestId", id)));
        try (PropagatedContext.Scope ignored = context.propagate()) {
            return Flux.from(chain.proceed(request)).doOnNext(response -> response.header(HEADER, id));
        }
    }
}
