package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import io.runnerfargate.RunnerStack;
import io.runnerfargate.TestStacks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orderings AWS needs on create and, reversed, on destroy, read from the resource options
 * themselves through a resource transformation on the public test API.
 */
class TeardownOrderTest {
    record Options(List<String> dependsOn, boolean protect, boolean deleteBeforeReplace) {}

    private static final Map<String, Options> OPTIONS = new ConcurrentHashMap<>();

    @BeforeAll
    static void run() {
        var settings = TestStacks.settings("prod", Map.of("natGateway", "perAz",
                "publicSubnetCidrs", "[\"10.0.3.0/24\",\"10.0.4.0/24\"]", "jobNamespace", "gitlab-runner-jobs"));
        ResourceTransformation record = args -> {
            var options = args.options();
            List<String> dependsOn = options.getDependsOn() == null ? List.of()
                    : PulumiTest.extractValue(options.getDependsOn()).stream().map(Resource::pulumiResourceName).sorted().toList();
            boolean deleteBeforeReplace = options instanceof CustomResourceOptions custom && custom.getDeleteBeforeReplace();
            OPTIONS.put(args.resource().pulumiResourceName(), new Options(dependsOn, options.isProtect(), deleteBeforeReplace));
            return Optional.empty();
        };
        try {
            var result = PulumiTest.withMocks(new PlanMocks("us-west-2"))
                    .withOptions(TestOptions.builder().projectName(TestStacks.PROJECT).stackName("prod")
                            .resourceTransformations(List.of(record)).build())
                    .runTest(ctx -> RunnerStack.define(ctx, settings));
            result.throwOnError();
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static List<String> after(String name) {
        return OPTIONS.get(name).dependsOn();
    }

    @Test
    void addressesAndNatGatewaysComeAfterTheInternetGateway() {
        for (String zone : List.of("a", "b")) {
            assertEquals(List.of("prod-igw"), after("prod-nat-eip-" + zone));
            assertEquals(List.of("prod-igw"), after("prod-nat-" + zone));
        }
    }

    @Test
    void fargateProfilesGoOneAfterAnother() {
        assertEquals(List.of("prod-pod-execution-policy"), after("prod-fp-kube-system"));
        assertEquals(List.of("prod-fp-kube-system"), after("prod-fp-gitlab-runner"));
        assertEquals(List.of("prod-fp-gitlab-runner"), after("prod-fp-gitlab-runner-jobs"));
    }

    @Test
    void corednsComesAfterTheKubeSystemProfile() {
        assertEquals(List.of("prod-fp-kube-system"), after("prod-coredns"));
    }

    @Test
    void everythingInsideTheClusterComesAfterTheProfilesSoDestroyRemovesItFirst() {
        List<String> workloadsWait = List.of("prod-aws-logging", "prod-coredns", "prod-fp-gitlab-runner",
                "prod-fp-gitlab-runner-jobs", "prod-fp-kube-system");
        assertTrue(after("prod-gitlab-runner").containsAll(workloadsWait), after("prod-gitlab-runner").toString());
        assertEquals(workloadsWait, after("prod-ns-gitlab-runner"));
        assertEquals(workloadsWait, after("prod-ns-gitlab-runner-jobs"));
        assertEquals(List.of("prod-ns-gitlab-runner", "prod-ns-gitlab-runner-jobs"), after("prod-runner-token"));
    }

    @Test
    void theClusterWaitsForItsRolePolicyAndLogGroup() {
        assertEquals(List.of("prod-cluster-kms", "prod-cluster-policy", "prod-control-plane-logs"), after("prod-eks"));
    }

    @Test
    void prodProtectsVpcAndClusterOnlyAndNothingIsDeletedBeforeReplacement() {
        assertEquals(List.of("prod-eks", "prod-vpc"), OPTIONS.entrySet().stream().filter(e -> e.getValue().protect())
                .map(Map.Entry::getKey).sorted().toList());
        assertEquals(List.of(), OPTIONS.entrySet().stream().filter(e -> e.getValue().deleteBeforeReplace())
                .map(Map.Entry::getKey).toList());
    }
}
