package io.runnerfargate.network;

import java.util.regex.Pattern;

/** An IPv4 CIDR block in canonical form (no host bits set). */
public record Ipv4Cidr(int network, int prefixLength) implements Comparable<Ipv4Cidr> {

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
        if ((network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits are set");
        }
    }

    /**
     * Parses {@code a.b.c.d/n} strictly: four octets 0..255, a prefix 0..32 and no host bits, so that
     * a typo such as 10.0.1.5/24 is reported instead of being silently widened by AWS.
     */
    public static Ipv4Cidr parse(String text) {
        var m = SHAPE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not an IPv4 CIDR block of the form a.b.c.d/n");
        }
        int address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("has an octet above 255");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new IllegalArgumentException("has a prefix length above 32");
        }
        int canonical = address & mask(prefix);
        if (canonical != address) {
            throw new IllegalArgumentException("has host bits set; the block is " + format(canonical) + "/" + prefix);
        }
        return new Ipv4Cidr(address, prefix);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    private long first() {
        return Integer.toUnsignedLong(network);
    }

    private long last() {
        return first() + size() - 1;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(Ipv4Cidr other) {
        return other.first() >= first() && other.last() <= last();
    }

    public boolean overlaps(Ipv4Cidr other) {
        return first() <= other.last() && other.first() <= last();
    }

    @Override
    public int compareTo(Ipv4Cidr o) {
        int c = Long.compare(first(), o.first());
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
