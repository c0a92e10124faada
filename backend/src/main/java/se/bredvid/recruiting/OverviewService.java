package se.bredvid.recruiting;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.Calendar;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Csv;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The coordinator's figures (funnel, drop-out, time in stage, capacity) and the roster export. The
 * definitions of every figure are in docs/recruiting.md; keep the two in step.
 */
@Singleton
class OverviewService {

    /** The stages of the funnel, in order: every state a volunteer can be in before the end. */
    static final List<VolunteerState> STAGES = List.of(VolunteerState.APPLIED, VolunteerState.INTERVIEW_BOOKED,
            VolunteerState.INTERVIEWED, VolunteerState.IN_TRAINING, VolunteerState.TRAINED, VolunteerState.APPROVED,
            VolunteerState.ACTIVE, VolunteerState.PAUSED);

    /**
     * One stage of the funnel.
     *
     * @param reached           volunteers who ever entered the stage
     * @param current           volunteers in the stage now
     * @param withdrawn         who withdrew from this stage
     * @param notSuitable       who were judged unsuitable in this stage
     * @param ended             who ended the role from this stage
     * @param droppedOut        withdrawn + notSuitable + ended: who left the process from this stage
     * @param dropOutRate       droppedOut / reached, three decimals; null when none reached it
     * @param completedStays    stays in this stage that have ended (by any transition)
     * @param medianDaysInStage the median length of those stays in days, one decimal; null when none
     */
    @Serdeable
    record Stage(VolunteerState stage, long reached, long current, long withdrawn, long notSuitable, long ended,
                 long droppedOut, Double dropOutRate, long completedStays, Double medianDaysInStage) {
    }

    /**
     * Free client slots of available (APPROVED or ACTIVE) volunteers in one region or language.
     *
     * @param volunteers              available volunteers
     * @param volunteersWithFreeSlots of them, those who can take another client
     * @param freeSlots               sum over them of max(0, max clients - current clients)
     */
    @Serdeable
    record Capacity(String key, String label, int volunteers, int volunteersWithFreeSlots, int freeSlots) {
    }

    @Serdeable
    record Overview(Instant asOf, long applications, List<Stage> funnel, int availableVolunteers, int freeSlots,
                    List<Capacity> capacityByRegion, List<Capacity> capacityByLanguage) {
    }

    private final FunnelStore funnel;
    private final VolunteerStore volunteers;
    private final TrainingService training;
    private final BackgroundCheckRepository checks;
    private final ScreeningService screening;
    private final SupervisionAttendanceStore supervisionAttendance;
    private final List<VolunteerLoad> loads;
    private final AuditLog audit;
    private final RecruitingConfig config;
    private final Clock clock;
    private final Calendar calendar;

    OverviewService(FunnelStore funnel, VolunteerStore volunteers, TrainingService training,
                    BackgroundCheckRepository checks, ScreeningService screening,
                    SupervisionAttendanceStore supervisionAttendance,
                    List<VolunteerLoad> loads, AuditLog audit, RecruitingConfig config, Clock clock, Calendar calendar) {
        this.funnel = funnel;
        this.volunteers = volunteers;
        this.training = training;
        this.checks = checks;
        this.screening = screening;
        this.supervisionAttendance = supervisionAttendance;
        this.loads = loads;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.calendar = calendar;
    }

    @Transactional(readOnly = true)
    public Overview overview(Caller caller) {
        UUID org = caller.requireOrganisation();
        Map<VolunteerState, Long> reached = funnel.reached(org);
        Map<VolunteerState, Long> current = funnel.current(org);
        Map<VolunteerState, Long> withdrawn = funnel.exitsTo(org, VolunteerState.WITHDRAWN);
        Map<VolunteerState, Long> notSuitable = funnel.exitsTo(org, VolunteerState.NOT_SUITABLE);
        Map<VolunteerState, Long> ended = funnel.exitsTo(org, VolunteerState.ENDED);
        Map<VolunteerState, FunnelStore.Stays> stays = funnel.completedStays(org);
        List<Stage> stages = new ArrayList<>();
        for (VolunteerState s : STAGES) {
            long r = reached.getOrDefault(s, 0L);
            long w = withdrawn.getOrDefault(s, 0L);
            long n = notSuitable.getOrDefault(s, 0L);
            long e = ended.getOrDefault(s, 0L);
            FunnelStore.Stays st = stays.get(s);
            stages.add(new Stage(s, r, current.getOrDefault(s, 0L), w, n, e, w + n + e,
                    r == 0 ? null : Math.round(1000.0 * (w + n + e) / r) / 1000.0,
                    st == null ? 0 : st.count(),
                    st == null ? null : Math.round(st.medianSeconds() / 8640.0) / 10.0));
        }

        List<Volunteer> available = volunteers.inStates(org, List.of(VolunteerState.APPROVED, VolunteerState.ACTIVE));
        Map<UUID, Integer> load = new HashMap<>();
        for (VolunteerLoad l : loads) {
            l.activeClients(org).forEach((id, n) -> load.merge(id, n, Integer::sum));
        }
        Map<String, int[]> byRegion = new TreeMap<>();
        Map<String, int[]> byLanguage = new TreeMap<>();
        int freeTotal = 0;
        for (Volunteer v : available) {
            int free = Math.max(0, v.maxClients() - load.getOrDefault(v.id(), 0));
            freeTotal += free;
            add(byRegion, v.region(), free);
            for (String language : v.languages()) {
                add(byLanguage, language, free);
            }
        }
        return new Overview(clock.instant(), reached.getOrDefault(VolunteerState.APPLIED, 0L), stages,
                available.size(), freeTotal, capacities(byRegion, true), capacities(byLanguage, false));
    }

    /** The roster as CSV, one row per volunteer of the organisation. Audited: it is a bulk read of personal data. */
    @Transactional
    public String rosterCsv(Caller caller) {
        UUID org = caller.requireOrganisation();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, calendar.zone());
        List<Volunteer> all = volunteers.list(org, null);
        Map<UUID, TrainingService.TrainingRecord> records = training.recordsOf(org, all);
        Map<UUID, BackgroundCheck> latestCheck = new HashMap<>();
        for (BackgroundCheck c : checks.findByOrganisationIdOrderByIssuedOn(org)) {
            latestCheck.put(c.volunteerId(), c);
        }
        Map<UUID, SupervisionAttendanceStore.Summary> supervised = supervisionAttendance.summaries(org,
                now.minus(SupervisionService.SUMMARY_WINDOW), now);
        StringBuilder csv = new StringBuilder(Csv.BOM);
        csv.append(Csv.row(List.of("id", "name", "email", "phone", "state", "state_since", "region", "municipality",
                "languages", "max_clients", "hours_per_month", "digital_support", "applied_at",
                "training_themes_covered", "training_complete", "background_check_issued_on",
                "background_check_valid", "last_supervision_at")));
        for (Volunteer v : all) {
            TrainingService.TrainingRecord r = records.get(v.id());
            BackgroundCheck c = latestCheck.get(v.id());
            SupervisionAttendanceStore.Summary s = supervised.get(v.id());
            csv.append(Csv.row(java.util.Arrays.asList(v.id().toString(), v.name(), v.email(), v.phone(),
                    v.state().name(), v.stateSince().toString(), v.region(), v.municipality(),
                    String.join(" ", v.languages()), Integer.toString(v.maxClients()),
                    Integer.toString(v.hoursPerMonth()), Boolean.toString(v.digitalSupport()), v.appliedAt().toString(),
                    Integer.toString(r.themesCovered()), Boolean.toString(r.complete()),
                    c == null ? null : c.issuedOn().toString(),
                    Boolean.toString(c != null && today.isBefore(c.issuedOn().plusDays(screening.maxAgeDays()))),
                    s == null ? null : s.lastAt().toString())));
        }
        audit.record(caller.actor(), "EXPORT", "VOLUNTEER_ROSTER", org.toString());
        return csv.toString();
    }

    private static void add(Map<String, int[]> map, String key, int free) {
        int[] c = map.computeIfAbsent(key, k -> new int[3]);
        c[0]++;
        c[1] += free > 0 ? 1 : 0;
        c[2] += free;
    }

    private static List<Capacity> capacities(Map<String, int[]> map, boolean regions) {
        return map.entrySet().stream().map(e -> new Capacity(e.getKey(),
                regions ? Regions.NAMES.getOrDefault(e.getKey(), e.getKey()) : e.getKey(),
                e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }
}
