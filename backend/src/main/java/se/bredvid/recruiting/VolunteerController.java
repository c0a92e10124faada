package se.bredvid.recruiting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Problem;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Controller("/api/recruiting/volunteers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.COORDINATOR)
class VolunteerController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record TransitionRequest(@NotNull VolunteerState to, @NotBlank @Size(max = 1000) String reason) {
        @Override
        public String toString() {
            return Redacted.keeping(this, to);
        }
    }

    private final VolunteerService volunteers;

    VolunteerController(VolunteerService volunteers) {
        this.volunteers = volunteers;
    }

    static final int MAX_PAGE_SIZE = 500;
    static final String TOTAL_HEADER = "X-Total-Count";

    /**
     * The organisation's volunteers, narrowed, ordered and paged on the server. Every parameter is optional;
     * without {@code size} the whole (narrowed) list comes back, as before paging. The number of matches in
     * all is in the {@code X-Total-Count} header. {@code state} may repeat or list values with commas
     * ({@code state=INTERVIEW_BOOKED,INTERVIEWED}); {@code q} searches names (case and accents ignored);
     * {@code hasCapacity=true} keeps approved or active volunteers with a free client slot;
     * {@code sort} is {@code applied} (default), {@code name} or {@code stateSince}, reversed with a leading
     * {@code -}; {@code page} counts from 0.
     */
    @Get
    HttpResponse<List<VolunteerService.VolunteerSummary>> list(Caller caller,
            @Nullable @QueryValue("q") String q, @Nullable @QueryValue("state") List<String> state,
            @Nullable @QueryValue("region") String region, @Nullable @QueryValue("language") String language,
            @Nullable @QueryValue("hasCapacity") String hasCapacity, @Nullable @QueryValue("sort") String sort,
            @Nullable @QueryValue("page") String page, @Nullable @QueryValue("size") String size) {
        VolunteerService.Page result = volunteers.search(caller, query(q, state, region, language, hasCapacity, sort, page, size));
        return HttpResponse.ok(result.items()).header(TOTAL_HEADER, Integer.toString(result.total()));
    }

    static VolunteerService.Query query(String q, List<String> state, String region, String language,
                                        String hasCapacity, String sort, String page, String size) {
        String needle = blankToNull(q);
        if (needle != null && needle.length() > 100) {
            throw invalidParameter("q", "at most 100 characters");
        }
        List<VolunteerState> states = new ArrayList<>();
        for (String part : state == null ? List.<String>of() : state) {
            for (String s : part.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    states.add(VolunteerState.valueOf(s.trim()));
                } catch (IllegalArgumentException e) {
                    throw invalidParameter("state", "unknown state; one of " + List.of(VolunteerState.values()));
                }
            }
        }
        String r = blankToNull(region);
        if (r != null && !Regions.known(r)) {
            throw invalidParameter("region", "unknown region; an ISO 3166-2:SE county code such as SE-AB");
        }
        String lang = blankToNull(language);
        if (lang != null && !lang.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
            throw invalidParameter("language", "a language code such as sv or ar");
        }
        Boolean capacity = null;
        if (blankToNull(hasCapacity) != null) {
            capacity = switch (hasCapacity.trim()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalidParameter("hasCapacity", "true or false");
            };
        }
        String order = blankToNull(sort) == null ? "applied" : sort.trim();
        boolean descending = order.startsWith("-");
        VolunteerService.Sort by = switch (descending ? order.substring(1) : order) {
            case "applied" -> VolunteerService.Sort.APPLIED;
            case "name" -> VolunteerService.Sort.NAME;
            case "stateSince" -> VolunteerService.Sort.STATE_SINCE;
            default -> throw invalidParameter("sort", "applied, name or stateSince, reversed with a leading -");
        };
        int p = number("page", page, 0, 0, 1_000_000);
        Integer n = blankToNull(size) == null ? null : number("size", size, 0, 1, MAX_PAGE_SIZE);
        if (n == null && p != 0) {
            throw invalidParameter("page", "needs size");
        }
        return new VolunteerService.Query(needle, states, r, lang, capacity, by, descending, p, n);
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (blankToNull(value) == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw invalidParameter(field, "a whole number from " + min + " to " + max);
    }

    /** As the platform answers a query value of the wrong type: {@code invalid-value}, naming the parameter. */
    private static ProblemException invalidParameter(String parameter, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                "The value of '" + parameter + "' is not accepted: " + message + ".",
                List.of(new Problem.Violation(parameter, message)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Get("/{id}")
    VolunteerService.VolunteerDetail get(Caller caller, @PathVariable UUID id) {
        return volunteers.get(caller, id);
    }

    @Get("/{id}/transitions")
    List<VolunteerService.TransitionView> history(Caller caller, @PathVariable UUID id) {
        return volunteers.history(caller, id);
    }

    @Post("/{id}/transitions")
    VolunteerService.VolunteerDetail transition(Caller caller, @PathVariable UUID id, @Body @Valid TransitionRequest body) {
        return volunteers.transition(caller, id, body.to(), body.reason());
    }
}
