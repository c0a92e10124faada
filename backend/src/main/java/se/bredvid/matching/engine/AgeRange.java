package se.bredvid.matching.engine;

/** An inclusive range of ages in years. */
public record AgeRange(int min, int max) {

    public AgeRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("age range must satisfy 0 <= min <= max");
        }
    }

    public boolean contains(int age) {
        return age >= min && age <= max;
    }
}
