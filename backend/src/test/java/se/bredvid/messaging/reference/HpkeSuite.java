package se.bredvid.messaging.reference;

import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.hpke.HPKE;

import java.security.SecureRandom;

/** The one HPKE suite of the protocol (docs/protocol.md §4), as Bouncy Castle instances. */
final class HpkeSuite {

    private HpkeSuite() {
    }

    static HPKE create() {
        return new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    }

    /**
     * An HPKE whose next ephemeral X25519 key is {@code ephemeralPrivate} — only for reproducible test
     * vectors. Bouncy Castle 1.82 has no parameter for the ephemeral key in Auth mode; its KEM takes its
     * randomness from {@link CryptoServicesRegistrar} once, when constructed. So the registrar holds a
     * one-shot source for the duration of the constructor only, then is restored.
     */
    static synchronized HPKE withEphemeral(byte[] ephemeralPrivate) {
        CryptoServicesRegistrar.setSecureRandom(new OneShotRandom(ephemeralPrivate));
        try {
            return create();
        } finally {
            CryptoServicesRegistrar.setSecureRandom(null);
        }
    }

    /** Gives out the given bytes once; a second draw means the vector would not be what it claims. */
    private static final class OneShotRandom extends SecureRandom {

        private byte[] bytes;

        OneShotRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] out) {
            if (bytes == null || out.length != bytes.length) {
                throw new IllegalStateException("the fixed ephemeral key was already used or has the wrong size");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            bytes = null;
        }
    }
}
