package io.runnerfargate.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the private subnets reach the internet. */
public enum NatMode {
    /** One NAT gateway in the first public subnet; every private route table uses it. */
    SINGLE("single"),
    /** One public subnet and one NAT gateway per AZ; each private subnet uses the NAT in its own AZ. */
    PER_AZ("perAz"),
    /** No NAT gateway, no Elastic IP, no default route from the private subnets ("parked"). */
    NONE("none");

    private final String configValue;

    NatMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static Optional<NatMode> fromConfig(String value) {
        return Arrays.stream(values()).filter(m -> m.configValue.equals(value)).findFirst();
    }

    public static String validValues() {
        return Arrays.stream(values()).map(NatMode::configValue).collect(Collectors.joining(", "));
    }
}
