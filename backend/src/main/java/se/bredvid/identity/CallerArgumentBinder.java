package se.bredvid.identity;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Lets a controller method take the {@link Caller} as a parameter. */
@Singleton
final class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Authentication> auth = source.getUserPrincipal(Authentication.class);
        if (auth.isEmpty() || auth.get().getRoles().isEmpty()) {
            return BindingResult.unsatisfied();
        }
        Caller caller = Caller.of(auth.get());
        return () -> Optional.of(caller);
    }
}
