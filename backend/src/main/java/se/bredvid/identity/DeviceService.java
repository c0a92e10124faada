package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import se.bredvid.platform.Published;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.protocol.ChallengeVerifier;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.RateLimit;
import se.bredvid.platform.RateLimiter;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Devices of clients and kontaktpersoner. A coordinator issues a one-time pairing code for a subject of
 * the organisation; the device registers its Ed25519 identity key with the code, and afterwards signs in
 * by signing a fresh server challenge. No password, no phone number, no e-mail (threat model 4).
 */
@Singleton
@Published
public class DeviceService {

    static final Duration CODE_TTL = Duration.ofHours(72);
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(2);
    static final String PURPOSE_SIGN_IN = "sign-in";
    private static final Base64.Decoder B64U = Base64.getUrlDecoder();
    private static final Base64.Encoder B64U_ENC = Base64.getUrlEncoder().withoutPadding();

    @Serdeable
    public record IssuedCode(String code, Instant expiresAt) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    public record Paired(UUID deviceId, SubjectKind kind) {
    }

    @Serdeable
    public record Challenge(String nonce, long issuedAt, String purpose) {
    }

    @Serdeable
    public record DeviceView(UUID id, SubjectKind kind, UUID subjectId, String label, Instant createdAt,
                             Instant lastSeenAt, Instant revokedAt) {
        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.subjectKind(), d.subjectId(), d.label(), d.createdAt(), d.lastSeenAt(),
                    d.revokedAt());
        }
    }

    private final DeviceRepository devices;
    private final PairingStore pairing;
    private final List<DeviceSubjects> subjects;
    private final TokenService tokens;
    private final AuditLog audit;
    private final RateLimiter limiter;
    private final Clock clock;
    private final SecureRandom random;

    DeviceService(DeviceRepository devices, PairingStore pairing, List<DeviceSubjects> subjects, TokenService tokens,
                  AuditLog audit, RateLimiter limiter, Clock clock, SecureRandom random) {
        this.devices = devices;
        this.pairing = pairing;
        this.subjects = subjects;
        this.tokens = tokens;
        this.audit = audit;
        this.limiter = limiter;
        this.clock = clock;
        this.random = random;
    }

    /** A coordinator issues a code for a client or volunteer of their organisation. Shown once. */
    @Transactional
    public IssuedCode issueCode(Caller coordinator, SubjectKind kind, UUID subjectId) {
        UUID org = coordinator.requireOrganisation();
        boolean known = subjects.stream().anyMatch(s -> s.kind() == kind && s.mayPair(org, subjectId));
        if (!known) {
            throw ProblemException.notFound(kind == SubjectKind.CLIENT ? "Client" : "Volunteer");
        }
        String code = PairingCodes.generate(random);
        Instant now = clock.instant();
        Instant expires = now.plus(CODE_TTL);
        UUID id = UUID.randomUUID();
        pairing.issue(id, org, kind, subjectId, codeHash(PairingCodes.normalise(code).orElseThrow()), coordinator.id(), now,
                expires);
        audit.record(coordinator.actor(), "ISSUE_PAIRING_CODE", kind.name(), subjectId.toString());
        return new IssuedCode(code, expires);
    }

    /**
     * A typed code in its normal form, or a 400 when it is malformed or its check symbol is wrong. Called
     * before {@link #pair}, outside any transaction: a typo costs no database lookup and no rate-limit permit.
     */
    public static String normaliseCode(String typedCode) {
        return PairingCodes.normalise(typedCode).orElseThrow(() -> ProblemException.invalid("code",
                "is not a valid pairing code: check for a typo"));
    }

    /** Redeems a code: registers the device's identity key. Single use; expired, used and unknown codes look alike. */
    @Transactional
    public Paired pair(String code, String identityKeyB64, String label) {
        byte[] identityKey = decodeKey(identityKeyB64, "identityKey");
        byte[] hash = codeHash(code);
        limiter.acquire(RateLimit.PAIRING_GLOBAL, "all");
        limiter.acquire(RateLimit.PAIRING_PER_CODE, HexFormat.of().formatHex(hash, 0, 8));
        Instant now = clock.instant();
        PairingStore.Redeemed redeemed = pairing.redeem(hash, now).orElse(null);
        if (redeemed == null) {
            throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, "pairing-code-invalid",
                    "Pairing code not valid", "The code is unknown, already used or expired. Ask for a new one.");
        }
        if (devices.existsByIdentityKey(identityKey)) {
            throw ProblemException.conflict("key-registered", "This identity key is already registered.");
        }
        Device device = devices.save(new Device(UUID.randomUUID(), redeemed.organisationId(), redeemed.kind(), redeemed.subjectId(),
                identityKey, label == null || label.isBlank() ? null : label.trim(), now, null, null));
        audit.record(new AuditLog.Actor(AuditLog.ActorKind.DEVICE, device.id(), redeemed.kind().role(),
                AuditLog.TenantKind.ORGANISATION, redeemed.organisationId()), "PAIR", "DEVICE", device.id().toString());
        return new Paired(device.id(), device.subjectKind());
    }

    /** A fresh, single-use challenge. An unknown device gets one too (it will simply never verify). */
    @Transactional
    public Challenge challenge(UUID deviceId) {
        limiter.acquire(RateLimit.CHALLENGE_GLOBAL, "all");
        limiter.acquire(RateLimit.CHALLENGE_PER_DEVICE, deviceId.toString());
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        Instant now = clock.instant();
        long issuedAt = now.toEpochMilli();
        boolean active = devices.findById(deviceId).filter(d -> d.revokedAt() == null).isPresent();
        if (active) {
            pairing.issueChallenge(nonce, deviceId, Instant.ofEpochMilli(issuedAt), now.plus(CHALLENGE_TTL));
        }
        return new Challenge(B64U_ENC.encodeToString(nonce), issuedAt, PURPOSE_SIGN_IN);
    }

    /** Verifies the signed challenge (once) and starts a session. Every failure is the same 401. */
    @Transactional(noRollbackFor = ProblemException.class)
    public TokenPair signIn(UUID deviceId, String nonceB64, long issuedAt, String signatureB64) {
        byte[] nonce;
        byte[] signature;
        try {
            nonce = B64U.decode(nonceB64);
            signature = B64U.decode(signatureB64);
        } catch (IllegalArgumentException e) {
            throw TokenService.unauthorized();
        }
        if (nonce.length != 32 || signature.length != 64) {
            throw TokenService.unauthorized();
        }
        Instant now = clock.instant();
        // Consume the challenge first: a replayed or raced nonce finds nothing to update.
        boolean consumed = pairing.consumeChallenge(nonce, deviceId, Instant.ofEpochMilli(issuedAt), now);
        Device device = devices.findById(deviceId).filter(d -> d.revokedAt() == null).orElse(null);
        if (!consumed || device == null
                || !ChallengeVerifier.verify(device.identityKey(), nonce, issuedAt, PURPOSE_SIGN_IN, signature)) {
            throw TokenService.unauthorized();
        }
        devices.touch(deviceId, now);
        return tokens.startSession(subjectOf(device));
    }

    @Transactional
    public List<DeviceView> list(Caller caller, SubjectKind kind, UUID subjectId) {
        UUID org = caller.requireOrganisation();
        if (caller.kind() == Caller.Kind.DEVICE && !subjectId.equals(caller.subjectId())) {
            throw ProblemException.notFound("Subject");
        }
        List<DeviceView> list = devices.findByOrganisationIdAndSubjectKindAndSubjectIdOrderByCreatedAt(org, kind, subjectId)
                .stream().map(DeviceView::of).toList();
        if (caller.kind() == Caller.Kind.STAFF) {
            audit.record(caller.actor(), "READ", "DEVICES_OF_" + kind.name(), subjectId.toString());
        }
        return list;
    }

    /** Revokes a device at once: its sessions end and its tokens stop working. */
    @Transactional
    public void revoke(Caller caller, UUID deviceId) {
        UUID org = caller.requireOrganisation();
        Device device = devices.findByIdAndOrganisationId(deviceId, org)
                .filter(d -> caller.kind() == Caller.Kind.STAFF || d.subjectId().equals(caller.subjectId()))
                .orElseThrow(() -> ProblemException.notFound("Device"));
        devices.revoke(device.id(), clock.instant());
        tokens.revokeAllOf(TokenService.DEVICE, device.id(), "DEVICE_REVOKED");
        audit.record(caller.actor(), "REVOKE", "DEVICE", device.id().toString());
    }

    /** Every device of a subject, e.g. when a client ends the contact or a volunteer leaves. */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void revokeAllOfSubject(UUID organisationId, SubjectKind kind, UUID subjectId) {
        for (Device d : devices.findByOrganisationIdAndSubjectKindAndSubjectIdOrderByCreatedAt(organisationId, kind, subjectId)) {
            if (d.revokedAt() == null) {
                devices.revoke(d.id(), clock.instant());
                tokens.revokeAllOf(TokenService.DEVICE, d.id(), "DEVICE_REVOKED");
            }
        }
    }

    /** A device that is not revoked, with its Ed25519 identity key (for the key directory and conversations). */
    public record ActiveDevice(UUID id, byte[] identityKey) {
    }

    /**
     * The active (not revoked) devices of a client or volunteer, oldest first. For modules that need a
     * subject's devices (messaging: conversation members and their identity keys); no audit, since it
     * returns no personal data.
     */
    public List<ActiveDevice> activeDevices(UUID organisationId, SubjectKind kind, UUID subjectId) {
        return devices.findByOrganisationIdAndSubjectKindAndSubjectIdOrderByCreatedAt(organisationId, kind, subjectId)
                .stream().filter(d -> d.revokedAt() == null)
                .map(d -> new ActiveDevice(d.id(), d.identityKey().clone()))
                .toList();
    }

    /** Those of these devices that are not revoked (a lost or wiped phone is never woken). */
    @Transactional(readOnly = true)
    public Set<UUID> unrevoked(Collection<UUID> deviceIds) {
        return deviceIds.isEmpty() ? Set.of() : Set.copyOf(devices.findIdByIdInAndRevokedAtIsNull(deviceIds));
    }

    static TokenService.Subject subjectOf(Device d) {
        return new TokenService.Subject(Caller.Kind.DEVICE, d.id(), d.subjectKind().role(), d.organisationId(), null,
                d.subjectId());
    }

    private static byte[] codeHash(String normalisedCode) {
        return TokenService.sha256("pairing-code:" + normalisedCode);
    }

    private static byte[] decodeKey(String b64, String field) {
        try {
            byte[] key = B64U.decode(b64 == null ? "" : b64);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ProblemException.invalid(field, "must be a 32-byte Ed25519 public key in base64url");
    }
}
