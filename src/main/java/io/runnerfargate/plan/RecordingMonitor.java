package io.runnerfargate.plan;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The mock monitor, recording each registration as the engine would receive it. The public mocks
 * see inputs with secrets already unwrapped; the request still carries the secret markers, the
 * parent and the explicit dependencies, which is what the plan needs to show.
 */
final class RecordingMonitor extends MockMonitor {
    // Wire-format markers of the Pulumi resource protocol (pulumi-java Constants).
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String STACK_TYPE = "pulumi:pulumi:Stack";

    private final ConcurrentLinkedQueue<PlannedResource> recorded = new ConcurrentLinkedQueue<>();
    private volatile long lastRegistrationNanos;

    RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        if (!STACK_TYPE.equals(request.getType())) {
            recorded.add(toPlanned(request));
            lastRegistrationNanos = System.nanoTime();
        }
        return super.registerResourceAsync(resource, request);
    }

    /** {@link System#nanoTime()} at the last registration, 0 when none: the in-process figure of the benchmark. */
    long lastRegistrationNanos() {
        return lastRegistrationNanos;
    }

    List<PlannedResource> recorded() {
        return new ArrayList<>(recorded);
    }

    private static PlannedResource toPlanned(RegisterResourceRequest request) {
        Set<String> viaInputs = new HashSet<>();
        request.getPropertyDependenciesMap().values().forEach(d -> viaInputs.addAll(d.getUrnsList()));
        List<String> explicit = request.getDependenciesList().stream()
                .filter(urn -> !viaInputs.contains(urn))
                .map(RecordingMonitor::nameOf)
                .sorted()
                .toList();
        String parent = request.getParent().isEmpty() || typeOf(request.getParent()).equals(STACK_TYPE)
                ? null : nameOf(request.getParent());
        return new PlannedResource(request.getType(), request.getName(), parent, request.getCustom(),
                toMap(request.getObject()), explicit, request.getProtect(), request.getDeleteBeforeReplace());
    }

    /** URNs end in {@code <type chain>::<name>}. */
    static String nameOf(String urn) {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    private static String typeOf(String urn) {
        String[] parts = urn.split("::");
        String chain = parts.length >= 3 ? parts[2] : "";
        return chain.substring(chain.lastIndexOf('$') + 1);
    }

    private static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        struct.getFieldsMap().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    Object v = toJava(e.getValue());
                    if (v != null) {
                        out.put(e.getKey(), v);
                    }
                });
        return out;
    }

    private static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> UNKNOWN_VALUE.equals(value.getStringValue()) ? PlannedResource.UNKNOWN : value.getStringValue();
            case LIST_VALUE -> value.getListValue().getValuesList().stream().map(RecordingMonitor::toJava).toList();
            case STRUCT_VALUE -> {
                var fields = value.getStructValue().getFieldsMap();
                Value sig = fields.get(SIG_KEY);
                if (sig != null && SECRET_SIG.equals(sig.getStringValue())) {
                    yield PlannedResource.SECRET;
                }
                if (sig != null && RESOURCE_SIG.equals(sig.getStringValue())) {
                    Value urn = fields.get("urn");
                    yield urn == null ? "[resource]" : "-> " + nameOf(urn.getStringValue());
                }
                yield toMap(value.getStructValue());
            }
        };
    }
}
