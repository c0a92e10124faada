package se.bredvid.notifications;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import se.bredvid.platform.Secret;

import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** Sends plain-text mail through the configured SMTP relay (Jakarta Mail). Inert unless enabled. */
@Singleton
class Mailer {

    private static final String TIMEOUT_MS = "10000";

    private final MailConfig config;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final Secret password;

    Mailer(MailConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.password = config.passwordSecret();
        if (!config.enabled()) {
            this.session = null;
            this.from = null;
            return;
        }
        // A misconfigured relay should stop the start-up, not fail silently every tick.
        if (config.host() == null || config.host().isBlank()) {
            throw new IllegalStateException("bredvid.mail.host is required when bredvid.mail.enabled is true");
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalStateException("bredvid.mail.port must be 1-65535");
        }
        try {
            this.from = new InternetAddress(config.from() == null ? "" : config.from(), true);
        } catch (AddressException e) {
            throw new IllegalStateException("bredvid.mail.from must be an e-mail address");
        }
        URI url = config.publicUrl() == null ? null : URI.create(config.publicUrl());
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalStateException("bredvid.mail.public-url must be the http(s) address of this installation");
        }
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", config.host());
        p.setProperty("mail.smtp.port", Integer.toString(config.port()));
        p.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.timeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
        // With STARTTLS on, a server that does not offer it is refused rather than spoken to in clear.
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.auth", Boolean.toString(config.username() != null && !config.username().isBlank()));
        this.session = Session.getInstance(p);
    }

    boolean enabled() {
        return session != null;
    }

    String publicUrl() {
        return config.publicUrl();
    }

    void send(String to, String subject, String body) throws MessagingException {
        if (session == null) {
            throw new IllegalStateException("mail is not enabled");
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.saveChanges();
        if (config.username() != null && !config.username().isBlank()) {
            Transport.send(message, config.username(), password == null ? "" : password.value());
        } else {
            Transport.send(message);
        }
    }
}
