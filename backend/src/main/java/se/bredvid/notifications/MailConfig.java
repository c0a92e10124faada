package se.bredvid.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import se.bredvid.platform.Redacted;
import se.bredvid.platform.Secret;

import java.time.Duration;

/**
 * SMTP for staff e-mail digests ({@code bredvid.mail.*}). Nothing is sent unless {@code enabled} is true.
 *
 * @param enabled        off by default: an installation opts in once it has an SMTP relay
 * @param host           the SMTP relay
 * @param port           587 (submission) by default
 * @param from           the sender address, e.g. {@code bredvid@kommun.se}
 * @param starttls       upgrade to TLS and refuse to send if the server cannot (default true); false only
 *                       for a relay on the same host or in tests
 * @param username       SMTP login, if the relay needs one
 * @param password       SMTP password, if the relay needs one
 * @param publicUrl      the address of this installation, the only link in a mail
 * @param digestInterval how often digests are sent (default 15 minutes)
 */
@ConfigurationProperties("bredvid.mail")
public record MailConfig(@Bindable(defaultValue = "false") boolean enabled,
                         @Nullable String host,
                         @Bindable(defaultValue = "587") int port,
                         @Nullable String from,
                         @Bindable(defaultValue = "true") boolean starttls,
                         @Nullable String username,
                         @Nullable String password,
                         @Nullable String publicUrl,
                         @Bindable(defaultValue = "15m") Duration digestInterval) {

    public Secret passwordSecret() {
        return password == null || password.isEmpty() ? null : new Secret(password);
    }

    @Override
    public String toString() {
        return "MailConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", starttls=" + starttls
                + ", password=" + Redacted.MARK + "]";
    }
}
