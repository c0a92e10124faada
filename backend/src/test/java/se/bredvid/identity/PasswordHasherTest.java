package se.bredvid.identity;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher production = new PasswordHasher(new PasswordHasher.Params(19456, 2, 1), new SecureRandom());

    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String hash = production.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(production.verify("correct horse battery staple", hash));
        assertFalse(production.verify("correct horse battery stapler", hash));
    }

    @Test
    void hashesCarryTheirParametersSoTheyCanBeRaised() {
        var cheap = new PasswordHasher(new PasswordHasher.Params(8192, 1, 1), new SecureRandom());
        String old = cheap.hash("pw-0123456789");
        assertTrue(production.verify("pw-0123456789", old), "old parameters still verify");
        assertTrue(production.needsRehash(old));
        assertFalse(production.needsRehash(production.hash("x")));
    }
}
