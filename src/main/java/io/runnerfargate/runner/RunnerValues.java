package io.runnerfargate.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.runnerfargate.config.RegistrationOptions;

/**
 * The gitlab-runner chart's values. Every path is one the chart's templates read (checked against
 * {@link RunnerKeys}): the chart ignores unknown keys without a word.
 */
public final class RunnerValues {
    /** The chart's service account, named so that a Role in another namespace can bind to it. */
    public static final String SERVICE_ACCOUNT = "gitlab-runner";

    private RunnerValues() {}

    /** The chart's default; a lower value adds load on GitLab for no faster job start on Fargate. */
    public static final int CHECK_INTERVAL_SECONDS = 3;
    public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

    /**
     * @param serviceAccountRoleArn the IAM role the manager assumes (IRSA), for the S3 cache
     * @param registration          registration-only options, for a legacy registration token
     */
    public record Inputs(String gitlabUrl, int concurrent, String tokenSecretName, String configToml,
                         ContainerSize manager, Optional<String> serviceAccountRoleArn,
                         RegistrationOptions registration) {

        public Inputs(String gitlabUrl, int concurrent, String tokenSecretName, String configToml) {
            this(gitlabUrl, concurrent, tokenSecretName, configToml, JobSizing.DEFAULT.manager(), Optional.empty(),
                    RegistrationOptions.none());
        }
    }

    public static Map<String, Object> build(Inputs in) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("gitlabUrl", in.gitlabUrl());
        values.put("concurrent", in.concurrent());
        values.put("checkInterval", CHECK_INTERVAL_SECONDS);
        // Requests equal limits: Fargate bills the manager pod by its requests.
        Map<String, Object> quantities = new LinkedHashMap<>();
        quantities.put("cpu", in.manager().cpu());
        quantities.put("memory", in.manager().memory());
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("requests", quantities);
        resources.put("limits", quantities);
        values.put("resources", resources);
        // rbac.create is false by default, and then the manager cannot create job pods.
        Map<String, Object> rbac = new LinkedHashMap<>();
        rbac.put("create", true);
        rbac.put("rules", RunnerRbac.asChartRules());
        values.put("rbac", rbac);
        Map<String, Object> serviceAccount = new LinkedHashMap<>();
        serviceAccount.put("create", true);
        serviceAccount.put("name", SERVICE_ACCOUNT);
        in.serviceAccountRoleArn().ifPresent(arn -> serviceAccount.put("annotations", Map.of(ROLE_ARN_ANNOTATION, arn)));
        values.put("serviceAccount", serviceAccount);
        Map<String, Object> runners = new LinkedHashMap<>();
        // The Secret holds runner-token and runner-registration-token; the pod mounts both.
        runners.put("secret", in.tokenSecretName());
        runners.put("config", in.configToml());
        in.registration().tags().ifPresent(tags -> runners.put("tags", String.join(",", tags)));
        in.registration().runUntagged().ifPresent(v -> runners.put("runUntagged", v));
        in.registration().locked().ifPresent(v -> runners.put("locked", v));
        in.registration().protectedOnly().ifPresent(v -> runners.put("protected", v));
        values.put("runners", runners);
        return values;
    }

    /** Every leaf path of the values, dotted, for checking against the chart's key list. */
    @SuppressWarnings("unchecked")
    public static List<String> leafPaths(Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        for (var e : values.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty()) {
                for (String child : leafPaths((Map<String, Object>) m)) {
                    out.add(e.getKey() + "." + child);
                }
            } else {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Paths the chart would ignore. */
    public static List<String> unreadPaths(Map<String, Object> values) {
        return leafPaths(values).stream().filter(p -> !RunnerKeys.chartReads(p)).toList();
    }
}
