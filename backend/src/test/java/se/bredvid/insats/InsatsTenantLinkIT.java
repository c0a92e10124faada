package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which municipalities work with which organisations (issue 15): a referral goes only to a linked, active
 * organisation, a proposal only to a linked, active municipality (409 not-linked); the handläggare's list of
 * organisations holds only the linked ones; an insats already started continues when the link goes; a
 * deactivated organisation's staff are refused at sign-in with a clear problem.
 */
@MicronautTest(transactional = false)
class InsatsTenantLinkIT extends InsatsTestBase {

    Fixtures.Staff admin;

    @BeforeAll
    void signInAdmin() {
        admin = fx.admin();
    }

    private static void notLinked(Api.Response r) {
        assertEquals(409, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("urn:bredvid:problem:not-linked", r.problemType(), r.body());
    }

    private void unlink(UUID municipality, UUID organisation) {
        var r = api.delete("/api/admin/links/" + municipality + "/" + organisation, admin.accessToken());
        assertEquals(204, r.status(), r.toString());
    }

    private boolean partyListed(Fixtures.Staff caller, UUID id) {
        var r = api.get("/api/insats-parties", caller.accessToken());
        assertEquals(200, r.status(), r.toString());
        return r.body().contains(id.toString());
    }

    @Test
    void aReferralToAnOrganisationTheMunicipalityDoesNotWorkWithIsRefusedAndNotListed() {
        UUID other = fx.organisation();
        assertTrue(partyListed(handlaggare, other), "linked by default in the fixtures");
        unlink(mun, other);
        assertFalse(partyListed(handlaggare, other));
        assertTrue(partyListed(handlaggare, org), "the linked one is still listed");
        notLinked(api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(other)));

        var linked = api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", mun, "organisationId", other));
        assertEquals(201, linked.status(), linked.toString());
        assertTrue(partyListed(handlaggare, other));
        var r = api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(other));
        assertEquals(201, r.status(), r.toString());
    }

    @Test
    void aProposalToAMunicipalityTheOrganisationDoesNotWorkWithIsRefused() {
        UUID otherMun = fx.municipality();
        unlink(otherMun, org);
        assertFalse(partyListed(coordinator, otherMun));
        notLinked(api.post("/api/insatser", coordinator.accessToken(), InsatsTestData.proposalBody(UUID.randomUUID(), otherMun)));
    }

    @Test
    void anInsatsStartedBeforeTheLinkWentContinues() {
        UUID other = fx.organisation();
        Fixtures.Staff otherCoordinator = fx.coordinator(other);
        var r = api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(other));
        assertEquals(201, r.status(), r.toString());
        String id = r.text("id");
        unlink(mun, other);
        assertEquals(200, api.get("/api/insatser/" + id, handlaggare.accessToken()).status());
        assertEquals(200, api.get("/api/insatser/" + id, otherCoordinator.accessToken()).status());
        var withdrawn = api.post("/api/insatser/" + id + "/withdrawal", handlaggare.accessToken(), Map.of());
        assertEquals(200, withdrawn.status(), withdrawn.toString());
    }

    @Test
    void aDeactivatedOrganisationGetsNoReferralsItsStaffCannotSignInAndItsDataStays() {
        UUID other = fx.organisation();
        Fixtures.Staff otherCoordinator = fx.coordinator(other);
        var before = api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(other));
        assertEquals(201, before.status(), before.toString());

        var off = api.post("/api/admin/organisations/" + other + "/active", admin.accessToken(), Map.of("active", false));
        assertEquals(200, off.status(), off.toString());
        assertFalse(off.json().get("active").getBooleanValue());
        assertFalse(partyListed(handlaggare, other));
        notLinked(api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(other)));
        // Her sessions ended; the sign-in with the right password is refused with a reason.
        assertEquals(401, api.get("/api/auth/me", otherCoordinator.accessToken()).status());
        var signIn = api.post("/api/auth/login", null, Map.of("username", otherCoordinator.username(),
                "password", otherCoordinator.password(), "totp", fx.totp(otherCoordinator.totpSecret())));
        assertEquals(403, signIn.status(), signIn.toString());
        assertEquals("urn:bredvid:problem:tenant-inactive", signIn.problemType(), signIn.body());
        // The municipality still sees what was sent before.
        assertEquals(200, api.get("/api/insatser/" + before.text("id"), handlaggare.accessToken()).status());

        var on = api.post("/api/admin/organisations/" + other + "/active", admin.accessToken(), Map.of("active", true));
        assertEquals(200, on.status(), on.toString());
        fx.signIn(otherCoordinator);
        assertEquals(200, api.get("/api/insatser/" + before.text("id"), fx.signIn(otherCoordinator).accessToken()).status());
    }

    @Test
    void aDeactivatedMunicipalitysHandlaggareCannotSignIn() {
        UUID otherMun = fx.municipality();
        Fixtures.Staff other = fx.handlaggare(otherMun);
        var off = api.post("/api/admin/municipalities/" + otherMun + "/active", admin.accessToken(), Map.of("active", false));
        assertEquals(200, off.status(), off.toString());
        assertFalse(partyListed(coordinator, otherMun));
        var signIn = api.post("/api/auth/login", null, Map.of("username", other.username(),
                "password", other.password(), "totp", fx.totp(other.totpSecret())));
        assertEquals(403, signIn.status(), signIn.toString());
        assertEquals("urn:bredvid:problem:tenant-inactive", signIn.problemType(), signIn.body());
    }
}
