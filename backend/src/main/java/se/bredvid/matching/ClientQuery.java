package se.bredvid.matching;

import se.bredvid.platform.ProblemException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Filters, order and page of a client list (GET /api/clients, GET /api/waiting-list). Status, pseudonym
 * search and order run in SQL; region and language sit in the sealed profile, so they are matched after
 * opening it. Without page and size a list answers in full, as it did before paging existed.
 *
 * @param q        part of a pseudonym, any case
 * @param status   WAITING, MATCHED or CLOSED; null for all
 * @param region   the intake's region, exactly (lower case)
 * @param language a language the client speaks (ISO 639, lower case)
 * @param orderBy  an SQL order clause chosen from {@link #SORTS}, never from the request's text
 * @param page     0-based; with size
 * @param size     rows per page; null for all
 */
record ClientQuery(String q, String status, String region, String language, String orderBy, int page, Integer size) {

    static final int MAX_SIZE = 200;

    /** sort values: the column, then "-" for the reverse; ties by id so that pages never overlap. */
    static final Map<String, String> SORTS = Map.of(
            "createdAt", "created_at, id",
            "-createdAt", "created_at desc, id",
            "waitingSince", "waiting_since nulls last, id",
            "-waitingSince", "waiting_since desc nulls last, id",
            "pseudonym", "pseudonym, id",
            "-pseudonym", "pseudonym desc, id");

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    static ClientQuery parse(String q, String status, String region, String language, String sort, Integer page,
                             Integer size, String defaultSort) {
        if (q != null && q.length() > 60) {
            throw ProblemException.invalid("q", "must be at most 60 characters");
        }
        if (status != null && !status.equals("WAITING") && !status.equals("MATCHED") && !status.equals("CLOSED")) {
            throw ProblemException.invalid("status", "must be WAITING, MATCHED or CLOSED");
        }
        if (region != null && region.length() > 60) {
            throw ProblemException.invalid("region", "must be at most 60 characters");
        }
        String lang = blankToNull(language);
        if (lang != null && !LANGUAGE.matcher(lang).matches()) {
            throw ProblemException.invalid("language", "must be an ISO 639 code of 2 or 3 lower-case letters");
        }
        String orderBy = SORTS.get(sort == null ? defaultSort : sort);
        if (orderBy == null) {
            throw ProblemException.invalid("sort", "must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList()));
        }
        if (page != null && page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if (page != null && size == null) {
            throw ProblemException.invalid("size", "is required with page");
        }
        String r = blankToNull(region);
        return new ClientQuery(blankToNull(q), status, r == null ? null : r.toLowerCase(Locale.ROOT), lang, orderBy,
                page == null ? 0 : page, size);
    }

    boolean needsProfile() {
        return region != null || language != null;
    }

    /** The pseudonym search as an ILIKE pattern, the caller's wildcards taken literally. */
    String likePattern() {
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
