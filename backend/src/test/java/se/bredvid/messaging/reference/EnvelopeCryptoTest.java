package se.bredvid.messaging.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.InvalidCryptoInputException;
import se.bredvid.protocol.SignedPreKey;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.reference.EnvelopeCrypto.PeerDevice;
import se.bredvid.messaging.reference.EnvelopeOpenException.Reason;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopeCryptoTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE =
            "{\"type\":\"text\",\"body\":\"Hej! Hur mår du?\",\"sentAt\":1767225600000}".getBytes(StandardCharsets.UTF_8);

    private final UUID conversation = UUID.randomUUID();
    private final UUID aliceDevice = UUID.randomUUID();
    private final UUID bobDevice = UUID.randomUUID();
    private final DeviceKeys alice = DeviceKeys.generate(RANDOM);
    private final DeviceKeys bob = DeviceKeys.generate(RANDOM);

    @Test
    void theRecipientOpensWhatTheSenderSealed() {
        WireEnvelope envelope = aliceToBob(MESSAGE);
        assertArrayEquals(MESSAGE, bobOpens(envelope));
    }

    @Test
    void theEnvelopeNamesBothDevicesAndBothKeys() {
        WireEnvelope envelope = aliceToBob(MESSAGE);
        assertEquals(1, envelope.v());
        assertEquals(conversation.toString(), envelope.conversationId());
        assertEquals(aliceDevice.toString(), envelope.senderDeviceId());
        assertEquals(bobDevice.toString(), envelope.recipientDeviceId());
        assertEquals(alice.currentPreKeyId(), envelope.senderKeyId());
        assertEquals(bob.currentPreKeyId(), envelope.recipientKeyId());
        assertEquals(32, Base64Url.decode("enc", envelope.enc()).length);
    }

    @Test
    void theCiphertextRevealsOnlyTheNumberOf256ByteBlocks() {
        assertEquals(256 + 16, Base64Url.decode("ct", aliceToBob(MESSAGE).ct()).length);
        byte[] longer = ("{\"type\":\"text\",\"body\":\"" + "a".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(2 * 256 + 16, Base64Url.decode("ct", aliceToBob(longer).ct()).length);
    }

    @Test
    void everySealingUsesAFreshEphemeralKey() {
        assertNotEquals(aliceToBob(MESSAGE).enc(), aliceToBob(MESSAGE).enc());
    }

    static Stream<Arguments> headerTampering() {
        String other = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("conversationId", (UnaryOperator<WireEnvelope>) e -> new WireEnvelope(e.v(), other,
                        e.senderDeviceId(), e.recipientDeviceId(), e.messageId(), e.senderKeyId(), e.recipientKeyId(),
                        e.enc(), e.ct())),
                Arguments.of("messageId", (UnaryOperator<WireEnvelope>) e -> new WireEnvelope(e.v(),
                        e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(), other, e.senderKeyId(),
                        e.recipientKeyId(), e.enc(), e.ct())),
                Arguments.of("senderDeviceId", (UnaryOperator<WireEnvelope>) e -> new WireEnvelope(e.v(),
                        e.conversationId(), other, e.recipientDeviceId(), e.messageId(), e.senderKeyId(),
                        e.recipientKeyId(), e.enc(), e.ct())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerTampering")
    void anEnvelopeMovedToAnotherHeaderDoesNotOpen(String field, UnaryOperator<WireEnvelope> tamper) {
        WireEnvelope moved = tamper.apply(aliceToBob(MESSAGE));
        assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(moved));
    }

    @Test
    void anEnvelopeReaddressedToAnotherDeviceDoesNotOpen() {
        // The server relabels the envelope for another device id; even a device holding the right keys
        // under that id refuses it, because the recipient id is in the AAD.
        UUID otherDevice = UUID.randomUUID();
        WireEnvelope e = aliceToBob(MESSAGE);
        WireEnvelope readdressed = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(),
                otherDevice.toString(), e.messageId(), e.senderKeyId(), e.recipientKeyId(), e.enc(), e.ct());
        assertRefused(Reason.DECRYPTION_FAILED,
                () -> EnvelopeCrypto.open(readdressed, otherDevice, bob, alice.identityPublicKey(), alice.currentPreKey()));
    }

    @Test
    void aRelabelledSenderKeyIdDoesNotOpenEvenForTheSameKey() {
        // Alice then publishes the same X25519 key under a second id: only the AAD can tell them apart.
        long firstId = alice.currentPreKeyId();
        WireEnvelope e = aliceToBob(MESSAGE);
        SignedPreKey again = alice.addPreKey(firstId + 1, alice.preKeyPrivate(firstId));
        WireEnvelope relabelled = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(),
                e.recipientDeviceId(), e.messageId(), again.keyId(), e.recipientKeyId(), e.enc(), e.ct());
        assertRefused(Reason.DECRYPTION_FAILED,
                () -> EnvelopeCrypto.open(relabelled, bobDevice, bob, alice.identityPublicKey(), again));
    }

    @Test
    void aRelabelledRecipientKeyIdDoesNotOpenEvenForTheSameKey() {
        long firstId = bob.currentPreKeyId();
        WireEnvelope e = aliceToBob(MESSAGE);
        bob.addPreKey(firstId + 1, bob.preKeyPrivate(firstId));
        WireEnvelope relabelled = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(),
                e.recipientDeviceId(), e.messageId(), e.senderKeyId(), firstId + 1, e.enc(), e.ct());
        assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(relabelled));
    }

    @Test
    void everyFlippedCiphertextByteIsRefused() {
        WireEnvelope e = aliceToBob(MESSAGE);
        byte[] ct = Base64Url.decode("ct", e.ct());
        for (int i = 0; i < ct.length; i++) {
            byte[] flipped = ct.clone();
            flipped[i] ^= 0x01;
            WireEnvelope tampered = withCt(e, flipped);
            assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(tampered));
        }
    }

    @Test
    void aCiphertextCutByOneBlockIsRefused() {
        byte[] longer = ("{\"type\":\"text\",\"body\":\"" + "a".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8);
        WireEnvelope e = aliceToBob(longer);
        byte[] ct = Base64Url.decode("ct", e.ct());
        byte[] cut = new byte[ct.length - 256];
        System.arraycopy(ct, 256, cut, 0, cut.length);
        assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(withCt(e, cut)));
    }

    @Test
    void aFlippedEncIsRefused() {
        WireEnvelope e = aliceToBob(MESSAGE);
        byte[] enc = Base64Url.decode("enc", e.enc());
        enc[5] ^= 0x20;
        WireEnvelope tampered = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), e.recipientKeyId(), Base64Url.encode(enc), e.ct());
        assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(tampered));
    }

    @Test
    void aSmallOrderEncIsRefused() {
        WireEnvelope e = aliceToBob(MESSAGE);
        WireEnvelope tampered = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), e.recipientKeyId(), Base64Url.encode(new byte[32]), e.ct());
        assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(tampered));
    }

    @Test
    void anotherDeviceCannotOpenAnEnvelopeNotAddressedToIt() {
        WireEnvelope e = aliceToBob(MESSAGE);
        DeviceKeys eve = DeviceKeys.generate(RANDOM);
        assertRefused(Reason.NOT_FOR_THIS_DEVICE,
                () -> EnvelopeCrypto.open(e, UUID.randomUUID(), eve, alice.identityPublicKey(), alice.currentPreKey()));
    }

    @Test
    void theWrongRecipientsKeysCannotOpenItEvenClaimingTheDeviceId() {
        WireEnvelope e = aliceToBob(MESSAGE);
        DeviceKeys eve = DeviceKeys.generate(RANDOM);
        assertRefused(Reason.DECRYPTION_FAILED,
                () -> EnvelopeCrypto.open(e, bobDevice, eve, alice.identityPublicKey(), alice.currentPreKey()));
    }

    @Test
    void aThirdPartyCannotSealInTheSendersName() {
        // Mallory seals with her own pre-key but writes Alice's device and key id into the header.
        DeviceKeys mallory = DeviceKeys.generate(RANDOM);
        WireEnvelope forged = EnvelopeCrypto.seal(conversation, UUID.randomUUID(), aliceDevice, mallory,
                new PeerDevice(bobDevice, bob.identityPublicKey(), bob.currentPreKey()), MESSAGE);
        assertRefused(Reason.DECRYPTION_FAILED, () -> bobOpens(forged));
    }

    @Test
    void aSenderPreKeyNotSignedByTheSendersIdentityIsRefused() {
        WireEnvelope e = aliceToBob(MESSAGE);
        DeviceKeys mallory = DeviceKeys.generate(RANDOM);
        assertRefused(Reason.SENDER_KEY_NOT_VERIFIED,
                () -> EnvelopeCrypto.open(e, bobDevice, bob, mallory.identityPublicKey(), alice.currentPreKey()));
    }

    @Test
    void aSenderPreKeyWithAnotherIdIsRefused() {
        WireEnvelope e = aliceToBob(MESSAGE);
        SignedPreKey newer = alice.rotatePreKey(RANDOM);
        assertRefused(Reason.SENDER_KEY_NOT_VERIFIED,
                () -> EnvelopeCrypto.open(e, bobDevice, bob, alice.identityPublicKey(), newer));
    }

    @Test
    void sealingRefusesARecipientPreKeyNotSignedByTheRecipient() {
        DeviceKeys mallory = DeviceKeys.generate(RANDOM);
        PeerDevice substituted = new PeerDevice(bobDevice, bob.identityPublicKey(), mallory.currentPreKey());
        assertThrows(IllegalArgumentException.class,
                () -> EnvelopeCrypto.seal(conversation, UUID.randomUUID(), aliceDevice, alice, substituted, MESSAGE));
    }

    @Test
    void afterRotationOldEnvelopesStillOpenUntilTheOldKeyIsDeleted() {
        WireEnvelope beforeRotation = aliceToBob(MESSAGE);
        bob.rotatePreKey(RANDOM);
        assertArrayEquals(MESSAGE, bobOpens(beforeRotation));

        bob.deletePreKey(beforeRotation.recipientKeyId());
        assertRefused(Reason.UNKNOWN_RECIPIENT_KEY, () -> bobOpens(beforeRotation));
    }

    @Test
    void afterRotationNewEnvelopesUseTheNewKey() {
        long before = bob.currentPreKeyId();
        bob.rotatePreKey(RANDOM);
        WireEnvelope after = aliceToBob(MESSAGE);
        assertEquals(before + 1, after.recipientKeyId());
        bob.deletePreKey(before);
        assertArrayEquals(MESSAGE, bobOpens(after));
    }

    @Test
    void aMalformedEnvelopeIsRefusedBeforeAnyCrypto() {
        WireEnvelope e = aliceToBob(MESSAGE);
        WireEnvelope v2 = new WireEnvelope(2, e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), e.recipientKeyId(), e.enc(), e.ct());
        assertThrows(InvalidCryptoInputException.class, () -> bobOpens(v2));
    }

    private WireEnvelope aliceToBob(byte[] json) {
        return EnvelopeCrypto.seal(conversation, UUID.randomUUID(), aliceDevice, alice,
                new PeerDevice(bobDevice, bob.identityPublicKey(), bob.currentPreKey()), json);
    }

    private byte[] bobOpens(WireEnvelope envelope) {
        SignedPreKey senderKey = alice.signedPreKey(envelope.senderKeyId());
        return EnvelopeCrypto.open(envelope, bobDevice, bob, alice.identityPublicKey(), senderKey);
    }

    private static WireEnvelope withCt(WireEnvelope e, byte[] ct) {
        return new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(), e.messageId(),
                e.senderKeyId(), e.recipientKeyId(), e.enc(), Base64Url.encode(ct));
    }

    private static void assertRefused(Reason reason, org.junit.jupiter.api.function.Executable open) {
        EnvelopeOpenException e = assertThrows(EnvelopeOpenException.class, open);
        assertEquals(reason, e.reason());
    }
}
