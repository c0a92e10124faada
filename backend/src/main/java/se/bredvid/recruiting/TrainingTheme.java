package se.bredvid.recruiting;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.List;
import java.util.UUID;

/** One theme of an organisation's training curriculum: one session of the group training. */
@MappedEntity("training_theme")
record TrainingTheme(@Id UUID id, UUID organisationId, int position, String title, int minutes, boolean mandatory) {

    record Default(String title, boolean mandatory) {
    }

    static final int DEFAULT_MINUTES = 180;

    /**
     * The curriculum an organisation starts with: about 8 weekly sessions of about 3 hours (seed 001:417), on
     * the themes the seeds and the issue name. Mandatory are the ones a kontaktperson cannot work safely
     * without: what the violence is, safety (including digital safety: seed 001:97, 001:165), and the limits
     * of the role.
     */
    static final List<Default> DEFAULTS = List.of(
            new Default("Hedersrelaterat våld och förtryck: vad det är", true),
            new Default("Att lämna och att leva skyddat", false),
            new Default("Säkerhetsplanering och digital säkerhet", true),
            new Default("Kontaktpersonens roll och dess gränser", true),
            new Default("Rättigheter och samhället", false),
            new Default("Traumamedvetenhet", false),
            new Default("HBTQ- och funktionsnedsättningsperspektiv", false),
            new Default("Egenvård och stöd i rollen", false));
}
