package io.runnerfargate.bench;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What pulumi-java's resource-package classpath scan costs on the product's classpath, the first
 * time a resource reference is deserialized. It never runs in the plan (the program passes no
 * resource as a value); this measures what that would cost, with and without
 * -Dpulumi.resourcepackages.excludes. Reads the SDK's internal memoized supplier reflectively.
 */
public final class ScanCost {
    private ScanCost() {}

    public static void main(String[] args) throws Exception {
        Class<?> packages = Class.forName("com.pulumi.serialization.internal.ResourcePackages");
        Field field = packages.getDeclaredField("resourceTypes");
        field.setAccessible(true);
        long started = System.nanoTime();
        Map<?, ?> types = (Map<?, ?>) ((Supplier<?>) field.get(null)).get();
        System.out.printf("scan: %d ms, %d resource types found%n", (System.nanoTime() - started) / 1_000_000, types.size());
    }
}
