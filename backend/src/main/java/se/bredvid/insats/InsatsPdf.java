package se.bredvid.insats;

import se.bredvid.platform.PdfWriter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One insats as a PDF for the municipality's own records, in Swedish (the language of the record): the pseudonym
 * and case reference, every decision version (with a refusal's reason and how to appeal), every uppdrag and
 * genomförandeplan version (with the client's confirmation), the follow-ups (the client's answers only when she
 * shared them with the municipality: the detail already leaves them out otherwise) and the end.
 */
final class InsatsPdf {

    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private InsatsPdf() {
    }

    /** What goes into the document; the detail is the handläggare's, filled for that role. */
    record Content(InsatsViews.Detail detail, String municipality, String organisation,
                   List<InsatsStore.UppdragVersionRow> uppdrag, List<InsatsViews.Plan> plans,
                   Map<Integer, LocalDate> confirmedPlans, LocalDate printedOn) {
        @Override
        public String toString() {
            return "InsatsPdf.Content[" + detail.id() + "]";
        }
    }

    private static final Map<String, String> NEEDS = Map.of("HOUSING", "Boende och vardag", "STUDIES_AND_WORK", "Studier och arbete",
            "BREAKING_ISOLATION", "Bryta ensamhet, bygga nätverk", "RIGHTS_AND_SOCIETY", "Rättigheter och samhället",
            "AUTHORITY_CONTACTS", "Kontakter med myndigheter", "EMOTIONAL_SUPPORT", "Känslomässigt stöd");
    private static final Map<InsatsState, String> STATES = Map.of(InsatsState.REQUESTED, "Begärd", InsatsState.AWAITING_CONSENT,
            "Väntar på samtycke", InsatsState.PROPOSED, "Föreslagen", InsatsState.GRANTED, "Beviljad", InsatsState.REFUSED, "Avslagen",
            InsatsState.WITHDRAWN, "Återtagen", InsatsState.ENDED, "Avslutad");

    static byte[] render(Content c) {
        InsatsViews.Detail d = c.detail();
        try (PdfWriter w = new PdfWriter("Kontaktpersonsinsats")) {
            w.heading(18, "Kontaktpersonsinsats");
            w.text(9, "Utskrift ur Bredvid " + c.printedOn() + " för kommunens egen akt. Bredvid är inte kommunens akt"
                    + " och raderar insatsen efter gallringsfristen.");
            if (d.deletedAfter() != null) {
                w.text(9, "Raderas i Bredvid: " + d.deletedAfter());
            }
            w.heading(13, "Insatsen");
            w.fact("Klient (pseudonym)", d.clientPseudonym());
            w.fact("Diarienummer", d.caseReference());
            w.fact("Kommun (beställare)", c.municipality());
            w.fact("Organisation (utförare)", c.organisation());
            w.fact("Status", STATES.get(d.state()));
            w.fact("Initiativ", d.origin() == Insats.Origin.MUNICIPALITY ? "Kommunens begäran" : "Organisationens förslag");
            w.fact("Behov", d.needs().stream().map(n -> NEEDS.getOrDefault(n, n)).sorted().collect(Collectors.joining(", ")));
            w.fact("Sammanfattning", d.summary());
            if (d.consent() != null) {
                InsatsViews.Consent k = d.consent();
                w.fact("Samtycke", consentForm(k.form()) + ", givet " + k.givenOn() + " (" + scope(k.scope()) + ")"
                        + (k.revokedAt() == null ? "" : "; återkallat " + date(k.revokedAt())));
            }
            if (d.investigation() != null) {
                w.fact("Utredning av kontaktpersonen", (d.investigation().outcome() == Insats.InvestigationOutcome.SUITABLE
                        ? "lämplig" : "inte lämplig") + ", " + d.investigation().investigatedOn());
                w.fact("Anteckning", d.investigation().note());
            }

            w.heading(13, "Beslut");
            if (d.decisions().isEmpty()) {
                w.text(10, "Inget beslut.");
            }
            for (InsatsViews.Decision b : d.decisions()) {
                w.heading(11, "Beslut version " + b.version() + " (" + (b.kind() == Insats.DecisionKind.CHANGE ? "ändring" : "första beslut")
                        + "), " + (b.outcome() == Insats.DecisionOutcome.GRANTED ? "beviljad" : "avslag"));
                w.fact("Beslutsdatum", String.valueOf(b.decidedOn()));
                w.fact("Lagrum", b.legalBasis());
                if (b.periodStart() != null) {
                    w.fact("Period", b.periodStart() + " – " + b.periodEnd());
                }
                w.fact("Timmar per månad", b.hoursPerMonth() == null ? null : String.valueOf(b.hoursPerMonth()));
                w.fact("Planerad uppföljning", b.followUpOn() == null ? null : String.valueOf(b.followUpOn()));
                w.fact("Skäl för avslag", b.refusalReason());
                w.fact("Hur beslutet överklagas", b.appealInformation());
            }

            w.heading(13, "Uppdrag");
            if (c.uppdrag().isEmpty()) {
                w.text(10, "Inget uppdrag skrivet.");
            }
            List<InsatsStore.UppdragVersionRow> oldestFirst = new java.util.ArrayList<>(c.uppdrag());
            java.util.Collections.reverse(oldestFirst);
            for (InsatsStore.UppdragVersionRow u : oldestFirst) {
                w.heading(11, "Uppdrag version " + u.version() + ", " + date(u.writtenAt()));
                w.fact("Vad", u.what());
                w.fact("Varför", u.why());
            }

            w.heading(13, "Genomförandeplan");
            if (c.plans().isEmpty()) {
                w.text(10, "Ingen plan skriven.");
            }
            for (InsatsViews.Plan p : c.plans()) {
                w.heading(11, "Plan version " + p.version() + ", gjord med klienten " + p.madeWithClientOn()
                        + " (skriven av " + (p.draftedBy() == Insats.Drafter.VOLUNTEER ? "kontaktpersonen" : "samordnaren") + ")");
                LocalDate confirmed = c.confirmedPlans().get(p.version());
                w.text(10, confirmed == null ? "Inte bekräftad av klienten." : "Klienten bekräftade planen " + confirmed + ".");
                int n = 1;
                for (InsatsRequests.Goal g : p.goals()) {
                    w.text(10, "Mål " + n++ + " – " + NEEDS.getOrDefault(g.need().name(), g.need().name()));
                    w.fact("  Mål", g.goal());
                    w.fact("  Hur", g.how());
                    w.fact("  Hur ofta", g.howOften());
                }
            }

            w.heading(13, "Uppföljningar");
            if (d.followUps().isEmpty()) {
                w.text(10, "Inga uppföljningar.");
            }
            for (InsatsViews.FollowUp f : d.followUps()) {
                w.heading(11, "Uppföljning planerad " + f.plannedOn() + (f.heldOn() == null ? " (inte hållen)" : ", hållen " + f.heldOn()));
                if (f.heldHow() != null) {
                    w.fact("Hur den hölls", heldHow(f.heldHow()) + (Boolean.TRUE.equals(f.withClient()) ? ", med klienten"
                            : Boolean.FALSE.equals(f.withClient()) ? ", utan klienten" : ""));
                }
                w.fact("Organisationens rapport", f.providerReport());
                if (f.clientView() != null) {
                    InsatsViews.ClientView v = f.clientView();
                    w.fact("Klientens svar (delade med kommunen)", "kontakten fungerar " + v.contactWorks() + " av 5; får stöd: "
                            + answer(v.getsSupport().name()) + "; vill fortsätta: " + answer(v.wantsToContinue().name())
                            + (v.wishes() == null ? "" : "; önskemål: " + v.wishes()));
                }
                w.fact("Bedömning", f.assessment());
                w.fact("Utfall", f.outcome() == null ? null : switch (f.outcome()) {
                    case CONTINUE -> "fortsätter";
                    case CHANGE -> "ändras";
                    case END -> "avslutas";
                });
            }

            w.heading(13, "Avslut");
            if (d.endedOn() == null) {
                w.text(10, d.state() == InsatsState.GRANTED ? "Insatsen pågår." : "Insatsen blev inte av (" + STATES.get(d.state()).toLowerCase() + ").");
            } else {
                w.fact("Avslutad", d.endedOn() + " (" + endReason(d.endReason()) + ")");
            }
            return w.finish();
        }
    }

    private static String date(Instant at) {
        return at == null ? "" : LocalDate.ofInstant(at, ZONE).toString();
    }

    private static String consentForm(Insats.ConsentForm form) {
        return switch (form) {
            case ORAL -> "muntligt";
            case WRITTEN -> "skriftligt";
            case IN_APP -> "i appen";
        };
    }

    private static String scope(Set<Insats.ConsentScope> scope) {
        return scope.stream().sorted().map(s -> s == Insats.ConsentScope.PROPOSAL ? "förslaget" : "uppföljningar")
                .collect(Collectors.joining(" och "));
    }

    private static String heldHow(Insats.HeldHow how) {
        return switch (how) {
            case MEETING -> "möte";
            case PHONE -> "telefon";
            case VIDEO -> "video";
        };
    }

    private static String answer(String value) {
        return switch (value) {
            case "YES" -> "ja";
            case "NO" -> "nej";
            case "PARTLY" -> "delvis";
            default -> "vet inte";
        };
    }

    private static String endReason(Insats.EndReason reason) {
        return reason == null ? "" : switch (reason) {
            case GOAL_REACHED -> "målet nått";
            case NEED_CHANGED -> "behovet ändrat";
            case CLIENT_ENDED -> "klienten avslutade";
            case MOVED -> "flyttat";
            case OTHER -> "annat skäl";
        };
    }
}
