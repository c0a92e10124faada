package se.bredvid.platform;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * Refuses, before any controller sees it, a JSON body that carries a NUL character, an unpaired surrogate
 * or a null array element anywhere ({@link JsonTextCheck}): one 400 problem naming the field, for every
 * endpoint, instead of a 500 from PostgreSQL or a null deep in a service. Nothing is stored.
 *
 * <p>Runs after authentication, so an anonymous caller of a protected route still gets its 401. The body is
 * split, not claimed, so the controller's binder reads it as usual; a body the split cannot buffer (too
 * large, broken off) is left to that binder to report.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class JsonTextFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!(request instanceof ServerHttpRequest<?> server) || !isJson(request)) {
            return chain.proceed(request);
        }
        // The chain continues on whichever thread completed the body: keep the request's context (its log id).
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return Mono.fromFuture(server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).buffer())
                .map(JsonTextFilter::violationIn)
                .onErrorResume(unreadable -> Mono.just(Optional.empty()))
                .flatMapMany(violation -> violation.isPresent()
                        ? Mono.just(refusal(violation.get()))
                        : proceed(request, chain, context));
    }

    private static Publisher<MutableHttpResponse<?>> proceed(HttpRequest<?> request, ServerFilterChain chain,
                                                              PropagatedContext context) {
        try (PropagatedContext.Scope ignored = context.propagate()) {
            return chain.proceed(request);
        }
    }

    private static Optional<Problem.Violation> violationIn(CloseableAvailableByteBody body) {
        try (body) {
            return JsonTextCheck.firstViolation(body.toByteArray());
        }
    }

    private static MutableHttpResponse<?> refusal(Problem.Violation violation) {
        return ProblemResponses.of(new Problem(Problem.type("validation"), "Invalid request", 400,
                "The request has invalid fields.", List.of(violation)));
    }

    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentLength() != 0 && request.getContentType()
                .map(type -> type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))
                .orElse(false);
    }
}
