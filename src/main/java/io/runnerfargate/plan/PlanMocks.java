package io.runnerfargate.plan;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Plausible answers from AWS for the offline plan and the tests. Every resource's id is
 * {@code <name>-id}, so a reference can be traced to the resource it names; the few computed
 * attributes the program reads (addresses, ARNs, the cluster endpoint) are derived from the name.
 * An invoke the program was not expected to make fails, rather than answering with nothing.
 */
public class PlanMocks implements Mocks {
    public static final String ACCOUNT_ID = "123456789012";
    /** What the mocked Secrets Manager returns for the runner token: never shown, always secret. */
    public static final String SECRETS_MANAGER_TOKEN = "glrt-mock-token-from-secrets-manager";

    private final String region;

    public PlanMocks(String region) {
        this.region = region;
    }

    public static String idOf(String name) {
        return name + "-id";
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> state = new LinkedHashMap<>(args.inputs == null ? Map.of() : args.inputs);
        String name = args.name;
        switch (args.type) {
            case "aws:ec2/eip:Eip" -> {
                state.put("allocationId", idOf(name));
                state.put("publicIp", documentationAddress(name));
            }
            case "aws:iam/role:Role" -> {
                state.putIfAbsent("name", name);
                state.put("arn", "arn:aws:iam::" + ACCOUNT_ID + ":role/" + name);
            }
            case "aws:eks/cluster:Cluster" -> {
                String clusterName = (String) state.getOrDefault("name", name);
                state.put("name", clusterName);
                state.put("arn", "arn:aws:eks:" + region + ":" + ACCOUNT_ID + ":cluster/" + clusterName);
                state.put("endpoint", "https://" + hex(clusterName) + ".gr7." + region + ".eks.amazonaws.com");
                state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer",
                        "https://oidc.eks." + region + ".amazonaws.com/id/" + hex(clusterName))))));
                state.put("certificateAuthority", Map.of("data",
                        Base64.getEncoder().encodeToString(("mock CA of " + clusterName).getBytes(StandardCharsets.UTF_8))));
            }
            case "aws:kms/key:Key" -> {
                state.put("arn", "arn:aws:kms:" + region + ":" + ACCOUNT_ID + ":key/" + idOf(name));
                state.put("keyId", idOf(name));
            }
            case "aws:cloudwatch/logGroup:LogGroup" -> state.put("arn",
                    "arn:aws:logs:" + region + ":" + ACCOUNT_ID + ":log-group:" + state.getOrDefault("name", name));
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> state.put("arn",
                    "arn:aws:iam::" + ACCOUNT_ID + ":oidc-provider/" + String.valueOf(state.get("url")).replaceFirst("^https://", ""));
            default -> { }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(idOf(name)), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> CompletableFuture.completedFuture(Map.of(
                    "id", region,
                    "names", List.of(region + "a", region + "b", region + "c", region + "d"),
                    "zoneIds", List.of(zoneId(1), zoneId(2), zoneId(3), zoneId(4))));
            case "aws:index/getCallerIdentity:getCallerIdentity" -> CompletableFuture.completedFuture(Map.of(
                    "id", ACCOUNT_ID,
                    "accountId", ACCOUNT_ID,
                    "arn", "arn:aws:iam::" + ACCOUNT_ID + ":user/plan",
                    "userId", "AIDAPLANMOCKUSER"));
            case "aws:secretsmanager/getSecretVersion:getSecretVersion" -> {
                String secretId = String.valueOf(args.args.get("secretId"));
                yield CompletableFuture.completedFuture(Map.of(
                        "id", secretId,
                        "secretId", secretId,
                        "arn", "arn:aws:secretsmanager:" + region + ":" + ACCOUNT_ID + ":secret:" + secretId + "-AbCdEf",
                        "secretString", SECRETS_MANAGER_TOKEN + "\n",
                        "versionId", "mock-version",
                        "versionStage", "AWSCURRENT"));
            }
            default -> CompletableFuture.failedFuture(new IllegalArgumentException(
                    "the offline plan has no answer for the invoke " + args.token));
        };
    }

    private String zoneId(int n) {
        return region + "-mock-az" + n;
    }

    /** An address from TEST-NET-3 (RFC 5737): it can never be mistaken for a real egress IP. */
    private static String documentationAddress(String name) {
        return "203.0.113." + (1 + Math.floorMod(name.hashCode(), 254));
    }

    private static String hex(String s) {
        return String.format("%032X", new java.math.BigInteger(1, s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }
}
