package se.bredvid.insats;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.UUID;

/** One organisation and one municipality with a signed-in coordinator and handläggare, for the insats tests. */
abstract class InsatsTestBase implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    UUID org;
    UUID mun;
    Fixtures.Staff coordinator;
    Fixtures.Staff handlaggare;
    InsatsTestData data;
    Api api;

    @BeforeAll
    void setUpParties() {
        org = fx.organisation();
        mun = fx.municipality();
        coordinator = fx.coordinator(org);
        handlaggare = fx.handlaggare(mun);
        data = new InsatsTestData(fx, clock);
        api = fx.api;
    }
}
