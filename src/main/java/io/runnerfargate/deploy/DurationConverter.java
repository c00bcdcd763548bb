package io.runnerfargate.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them in a pipeline file: {@code 90s}, {@code 45m}, {@code 2h}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)([smh])");

    @Override
    public Duration convert(String value) {
        Matcher matcher = SHORT.matcher(value.trim());
        if (!matcher.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration: write a whole number with s, m or h, e.g. 45m");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "' is zero: give a positive duration");
        }
        return duration;
    }
}
