package io.runnerfargate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4CidrTest {

    @Test
    void parsesAndPrintsCanonicalBlocks() {
        var cidr = Ipv4Cidr.parse("10.0.1.0/24");
        assertEquals("10.0.1.0/24", cidr.toString());
        assertEquals(256, cidr.size());
        assertEquals("0.0.0.0/0", Ipv4Cidr.parse("0.0.0.0/0").toString());
        assertEquals(1L << 32, Ipv4Cidr.parse("0.0.0.0/0").size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.1.5/24 | has host bits set; the block is 10.0.1.0/24",
            "10.0.256.0/24 | has an octet above 255",
            "10.0.0.0/33 | has a prefix length above 32",
            "10.0.0/24 | is not an IPv4 CIDR block of the form a.b.c.d/n",
            "10.0.0.0 | is not an IPv4 CIDR block of the form a.b.c.d/n"})
    void rejectsMalformedBlocksWithTheReason(String text, String reason) {
        var e = assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(text));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void containmentAndOverlap() {
        var vpc = Ipv4Cidr.parse("10.0.0.0/16");
        assertTrue(vpc.contains(Ipv4Cidr.parse("10.0.255.0/24")));
        assertFalse(vpc.contains(Ipv4Cidr.parse("10.1.0.0/24")));
        assertTrue(Ipv4Cidr.parse("10.0.0.0/23").overlaps(Ipv4Cidr.parse("10.0.1.0/24")));
        assertFalse(Ipv4Cidr.parse("10.0.1.0/24").overlaps(Ipv4Cidr.parse("10.0.2.0/24")));
        // The top of the address space compares unsigned.
        assertTrue(Ipv4Cidr.parse("128.0.0.0/1").contains(Ipv4Cidr.parse("255.255.255.0/24")));
        assertFalse(Ipv4Cidr.parse("0.0.0.0/1").overlaps(Ipv4Cidr.parse("128.0.0.0/1")));
    }
}
