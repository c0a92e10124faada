/**
 * Matching: clients under pseudonyms, the matching engine, assignments and their lifecycle, reports and support requests.
 */
@Module(tables = {"assignment", "assignment_transition", "client", "client_report", "organisation_minors_policy", "support_request",
        "volunteer_match_info"})
package se.bredvid.matching;

import se.bredvid.platform.Module;
