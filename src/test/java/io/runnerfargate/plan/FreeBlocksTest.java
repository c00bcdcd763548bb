package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runnerfargate.network.Ipv4Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeBlocksTest {
    private static Ipv4Cidr c(String text) {
        return Ipv4Cidr.parse(text);
    }

    @Test
    void searchesOnFromTheLastPublicSubnetThenFromTheStart() {
        List<Ipv4Cidr> taken = List.of(c("10.0.1.0/24"), c("10.0.2.0/24"), c("10.0.3.0/24"));
        assertEquals(List.of(c("10.0.4.0/24"), c("10.0.5.0/24")),
                NatModeComparison.freeBlocks(c("10.0.0.0/16"), taken, 24, 2, c("10.0.3.0/24")));
        assertEquals(List.of(c("10.0.0.0/24")), NatModeComparison.freeBlocks(c("10.0.0.0/16"), taken, 24, 1, null));
        assertEquals(List.of(c("10.0.255.0/24"), c("10.0.0.0/24")),
                NatModeComparison.freeBlocks(c("10.0.0.0/16"), taken, 24, 2, c("10.0.254.0/24")));
    }

    @Test
    void aFullVpcHasNoBlockToGive() {
        List<Ipv4Cidr> taken = List.of(c("10.0.0.0/25"), c("10.0.0.128/25"));
        assertEquals(List.of(), NatModeComparison.freeBlocks(c("10.0.0.0/24"), taken, 26, 1, c("10.0.0.128/25")));
    }
}
