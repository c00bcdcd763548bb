package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The program passes no resource as an input value, only ids, ARNs and names. A resource reference
 * would come back from the engine in the resource's outputs, and pulumi-java rehydrates the first
 * one by scanning the whole classpath for resource classes: about 13 s and 560 MB with the aws jar
 * (docs/performance.md), in every pulumi up and every plan. The plan's monitor shows a reference
 * as "-> name".
 */
class NoResourceReferencesTest {

    @ParameterizedTest
    @ValueSource(strings = {"nonprod", "prod"})
    void noInputIsAResourceReference(String stack) throws Exception {
        PlanResult plan = OfflinePlan.run(StackFiles.load(Path.of("."), stack));
        assertTrue(plan.ok(), String.join("\n", plan.errors()));
        List<String> references = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            collect(r.name(), r.inputs(), references);
        }
        assertEquals(List.of(), references);
    }

    private static void collect(String path, Object value, List<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(path + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(path + "[" + i + "]", list.get(i), into);
            }
        } else if (value instanceof String s && (s.startsWith("-> ") || s.equals("[resource]"))) {
            into.add(path + " = " + s);
        }
    }
}
