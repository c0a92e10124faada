package se.bredvid.matching;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;
import se.bredvid.matching.engine.MatchingEngine;
import se.bredvid.matching.engine.MatchingWeights;

/** The soft criteria's weights from configuration ({@code bredvid.matching.weights.*}), engine defaults otherwise. */
@ConfigurationProperties("bredvid.matching.weights")
record MatchingWeightsConfig(
        @Bindable(defaultValue = "30") int preferredLanguage,
        @Bindable(defaultValue = "20") int commonLanguage,
        @Bindable(defaultValue = "20") int gender,
        @Bindable(defaultValue = "10") int age,
        @Bindable(defaultValue = "20") int sharedBackground,
        @Bindable(defaultValue = "5") int perSharedInterest,
        @Bindable(defaultValue = "3") int maxSharedInterests,
        @Bindable(defaultValue = "20") int needs,
        @Bindable(defaultValue = "10") int meetingMode,
        @Bindable(defaultValue = "15") int availability) {

    @Factory
    static final class EngineFactory {
        @Singleton
        MatchingEngine engine(MatchingWeightsConfig c) {
            return new MatchingEngine(new MatchingWeights(c.preferredLanguage(), c.commonLanguage(), c.gender(), c.age(),
                    c.sharedBackground(), c.perSharedInterest(), c.maxSharedInterests(), c.needs(), c.meetingMode(),
                    c.availability()));
        }
    }
}
