package io.runnerfargate.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * An estimated month (730 hours) of a stack: its lines, their total, and what the reader should
 * know about the figures (assumptions, fallbacks).
 */
public record MonthlyCost(String pricesRegion, List<CostLine> items, List<String> notes) {

    public MonthlyCost {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }

    public BigDecimal total() {
        return items.stream().map(CostLine::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalCents() {
        return cents(total());
    }

    public BigDecimal sum(CostCategory category) {
        return items.stream().filter(i -> i.category() == category).map(CostLine::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public List<CostLine> ofCategory(CostCategory category) {
        return items.stream().filter(i -> i.category() == category).toList();
    }

    public static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }
}
