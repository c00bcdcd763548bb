package io.runnerfargate.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runnerfargate.config.InvalidSettingsException;
import io.runnerfargate.config.NatMode;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.cost.CostCategory;
import io.runnerfargate.cost.CostLine;
import io.runnerfargate.cost.MonthlyCost;
import io.runnerfargate.network.Ipv4Cidr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same stack planned under each NAT mode, to put the monthly totals side by side. Each
 * column is a full offline plan of the stack with only natGateway changed, so the figures come
 * from what the program would register, not from a formula beside it.
 *
 * <p>perAz needs one public subnet per AZ. When the stack has fewer, the perAz column adds the
 * missing ones from free blocks of the VPC (the size of the first public subnet) and says which:
 * the cost does not depend on the blocks, and the reader gets a working value to copy. When the
 * VPC has no room, the column says what is missing instead of showing a figure.
 */
public final class NatModeComparison {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One NAT mode's plan; {@code plan} is null when the mode cannot be planned for this stack. */
    public record Column(NatMode mode, PlanResult plan, List<String> notes, String unavailable) {
        public Column {
            notes = List.copyOf(notes);
        }

        public boolean ok() {
            return plan != null && plan.ok() && plan.cost().isPresent();
        }
    }

    private final StackFiles files;
    private final NatMode current;
    private final List<Column> columns;

    private NatModeComparison(StackFiles files, NatMode current, List<Column> columns) {
        this.files = files;
        this.current = current;
        this.columns = List.copyOf(columns);
    }

    public List<Column> columns() {
        return columns;
    }

    public NatMode current() {
        return current;
    }

    public Column column(NatMode mode) {
        return columns.stream().filter(c -> c.mode() == mode).findFirst().orElseThrow();
    }

    /** Plans {@code files}' stack under every NAT mode; the stack's own settings must be valid. */
    public static NatModeComparison of(StackFiles files) throws InvalidSettingsException {
        StackSettings base = StackSettings.parse(files.project(), files.stack(), files.config(), files.secretKeys());
        List<Column> columns = new ArrayList<>();
        for (NatMode mode : NatMode.values()) {
            Map<String, String> config = new LinkedHashMap<>(files.config());
            config.put(key(files, "natGateway"), mode.configValue());
            List<String> notes = new ArrayList<>();
            int missing = base.privateSubnetCidrs().size() - base.publicSubnetCidrs().size();
            if (mode == NatMode.PER_AZ && missing > 0) {
                List<Ipv4Cidr> taken = new ArrayList<>(base.privateSubnetCidrs());
                taken.addAll(base.publicSubnetCidrs());
                int prefix = base.publicSubnetCidrs().isEmpty() ? 24 : base.publicSubnetCidrs().get(0).prefixLength();
                Ipv4Cidr after = base.publicSubnetCidrs().isEmpty() ? null : base.publicSubnetCidrs().get(base.publicSubnetCidrs().size() - 1);
                List<Ipv4Cidr> extra = freeBlocks(base.vpcCidr(), taken, prefix, missing, after);
                if (extra.size() < missing) {
                    columns.add(new Column(mode, null, notes, "perAz needs one public subnet per AZ (" + base.privateSubnetCidrs().size()
                            + "); the stack has " + base.publicSubnetCidrs().size() + " and the VPC " + base.vpcCidr()
                            + " has no free /" + prefix + " for the rest. Add them to publicSubnetCidrs to compare."));
                    continue;
                }
                List<String> publics = new ArrayList<>(base.publicSubnetCidrs().stream().map(Ipv4Cidr::toString).toList());
                extra.forEach(c -> publics.add(c.toString()));
                config.put(key(files, "publicSubnetCidrs"), json(publics));
                notes.add("one public subnet per AZ is needed; the stack has " + base.publicSubnetCidrs().size()
                        + ", so this column adds " + extra.stream().map(Ipv4Cidr::toString).toList()
                        + " (free blocks of the VPC, not in the stack file). To switch: natGateway: perAz and publicSubnetCidrs: " + publics + ".");
            }
            PlanResult plan = OfflinePlan.run(new StackFiles(files.project(), files.stack(), Map.copyOf(config),
                    files.secretKeys(), files.encryptedKeys()));
            columns.add(new Column(mode, plan, notes, plan.ok() ? null : String.join("; ", plan.errors())));
        }
        return new NatModeComparison(files, base.natGateway(), columns);
    }

    /** The first {@code count} free /{@code prefix} blocks of {@code vpc}, searching on from {@code after}. */
    static List<Ipv4Cidr> freeBlocks(Ipv4Cidr vpc, List<Ipv4Cidr> taken, int prefix, int count, Ipv4Cidr after) {
        long size = 1L << (32 - prefix);
        long first = Integer.toUnsignedLong(vpc.network());
        long end = first + vpc.size();
        long start = first;
        if (after != null) {
            long next = Integer.toUnsignedLong(after.network()) + after.size();
            start = Math.min(end, (next + size - 1) / size * size);
        }
        List<Ipv4Cidr> found = new ArrayList<>();
        List<Ipv4Cidr> used = new ArrayList<>(taken);
        for (long[] range : new long[][] {{start, end}, {first, start}}) {
            for (long at = range[0]; at + size <= range[1] && found.size() < count; at += size) {
                Ipv4Cidr candidate = new Ipv4Cidr((int) at, prefix);
                if (used.stream().noneMatch(candidate::overlaps)) {
                    found.add(candidate);
                    used.add(candidate);
                }
            }
        }
        return found;
    }

    public String text() {
        var out = new StringBuilder();
        String region = columns.stream().filter(Column::ok).findFirst().map(c -> c.plan().cost().orElseThrow().pricesRegion())
                .orElse(files.config().getOrDefault(StackSettings.REGION_KEY, "?"));
        out.append("Monthly cost of ").append(files.project()).append('/').append(files.stack())
                .append(" under each NAT mode (").append(region).append(" on-demand prices, 730 h a month, USD)\n\n");
        List<CostCategory> rows = new ArrayList<>();
        for (CostCategory category : CostCategory.values()) {
            if (category != CostCategory.FREE && columns.stream().filter(Column::ok)
                    .anyMatch(c -> !c.plan().cost().orElseThrow().ofCategory(category).isEmpty())) {
                rows.add(category);
            }
        }
        int width = rows.stream().mapToInt(c -> c.label().length()).max().orElse(0);
        out.append(String.format("%-" + width + "s", ""));
        for (Column c : columns) {
            out.append(String.format("  %10s", c.mode().configValue() + (c.mode() == current ? "*" : "")));
        }
        out.append('\n');
        for (CostCategory category : rows) {
            out.append(String.format("%-" + width + "s", category.label()));
            for (Column c : columns) {
                out.append(String.format("  %10s", c.ok() ? MonthlyCost.cents(c.plan().cost().orElseThrow().sum(category)).toPlainString() : "-"));
            }
            out.append('\n');
        }
        out.append(String.format("%-" + width + "s", "Total"));
        for (Column c : columns) {
            out.append(String.format("  %10s", c.ok() ? c.plan().cost().orElseThrow().totalCents().toPlainString() : "n/a"));
        }
        out.append("\n\n* the stack's natGateway now.\n");

        out.append("\nNAT gateways and public IPv4 addresses:\n");
        for (Column c : columns) {
            out.append("  ").append(c.mode().configValue()).append(": ");
            if (!c.ok()) {
                out.append("n/a\n");
                continue;
            }
            MonthlyCost cost = c.plan().cost().orElseThrow();
            List<String> parts = new ArrayList<>();
            for (CostCategory category : List.of(CostCategory.NAT_HOURS, CostCategory.PUBLIC_IPV4, CostCategory.NAT_DATA)) {
                for (CostLine line : cost.ofCategory(category)) {
                    parts.add(line.resource() + " " + line.usdCents().toPlainString());
                }
            }
            out.append(parts.isEmpty() ? "none (no NAT gateway, no public IPv4 address)" : String.join(", ", parts)).append('\n');
        }

        List<String> notes = new ArrayList<>();
        for (Column c : columns) {
            if (c.unavailable() != null) {
                notes.add(c.mode().configValue() + ": " + c.unavailable());
            }
            c.notes().forEach(n -> notes.add(c.mode().configValue() + ": " + n));
        }
        Column parked = column(NatMode.NONE);
        if (parked.ok()) {
            notes.add("none: parked. The cluster stays, but while parked jobs cannot pull images or reach GitLab; "
                    + "docs/costs.md compares parking, `pulumi destroy` and a schedule.");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n");
            notes.forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("project", files.project());
        doc.put("stack", files.stack());
        doc.put("current", current.configValue());
        List<Map<String, Object>> modes = new ArrayList<>();
        for (Column c : columns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("natGateway", c.mode().configValue());
            m.put("monthlyCost", c.ok() ? CostReport.json(c.plan().cost().orElseThrow()) : null);
            m.put("unavailable", c.unavailable());
            m.put("notes", c.notes());
            modes.add(m);
        }
        doc.put("modes", modes);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean ok() {
        return column(current).ok();
    }

    private static String key(StackFiles files, String key) {
        return files.project() + ":" + key;
    }

    private static String json(List<String> values) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
