package se.bredvid.matching;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.matching.engine.Gender;
import se.bredvid.matching.engine.Need;

import java.util.Set;

/**
 * What matching needs to know about a volunteer beyond the recruiting record: recorded by the
 * coordinator who knows them. Background (communities) matters in both directions (seed 001:557, 001:649).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record VolunteerMatchInfo(
        @NotNull Gender gender,
        @Min(18) @Max(99) int age,
        @Size(max = 10) Set<@Size(min = 1, max = 60) String> communities,
        @Size(max = 20) Set<@Size(min = 1, max = 60) String> interests,
        @Size(max = 10) Set<Need> supportAreas,
        @Size(max = 50) Set<@Size(min = 1, max = 60) String> reachableRegions) {

    @Override
    public String toString() {
        return Redacted.of(this);
    }
}
