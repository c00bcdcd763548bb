package io.runnerfargate.plan;

import io.runnerfargate.cost.CostLine;
import io.runnerfargate.cost.MonthlyCost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan's "Estimated monthly cost" section, for people and for {@code --json}. */
final class CostReport {
    private CostReport() {}

    static String text(MonthlyCost cost) {
        var out = new StringBuilder();
        out.append("Estimated monthly cost (").append(cost.pricesRegion())
                .append(" on-demand prices, 730 h a month, USD; docs/costs.md explains each line):\n");
        int width = cost.items().stream().mapToInt(i -> i.resource().length()).max().orElse(0);
        width = Math.max(width, "Total".length());
        for (CostLine line : cost.items()) {
            out.append(String.format("  %-" + width + "s  %9s  %s%n", line.resource(), line.usdCents().toPlainString(), line.basis()));
        }
        out.append(String.format("  %-" + width + "s  %9s%n", "Total", cost.totalCents().toPlainString()));
        cost.notes().forEach(n -> out.append("  * ").append(n).append('\n'));
        return out.toString();
    }

    /** {@code {"total", "items": [{"resource", "usd", "basis"}], "notes"}}, USD rounded to cents. */
    static Map<String, Object> json(MonthlyCost cost) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", cost.totalCents());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CostLine line : cost.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("resource", line.resource());
            item.put("usd", line.usdCents());
            item.put("basis", line.basis());
            items.add(item);
        }
        m.put("items", items);
        m.put("pricesRegion", cost.pricesRegion());
        m.put("notes", cost.notes());
        return m;
    }
}
