package io.runnerfargate.cost;

import java.math.BigDecimal;

/**
 * One line of the estimate: what is billed ({@code resource}: a planned resource's name or a
 * description), its monthly USD at full precision, and how the figure came about ({@code basis}).
 */
public record CostLine(CostCategory category, String resource, BigDecimal usd, String basis) {

    /** Cents, for display only: sums use the full-precision figures. */
    public BigDecimal usdCents() {
        return MonthlyCost.cents(usd);
    }
}
