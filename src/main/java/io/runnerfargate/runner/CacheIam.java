package io.runnerfargate.runner;

import io.runnerfargate.cluster.FargateCluster;
import io.runnerfargate.cluster.IamPolicies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM for the S3 cache. The runner manager signs the cache URLs that job pods use, so only its
 * service account needs a role (GitLab Runner docs, "S3 cache with IAM"): trusted through the
 * cluster's OIDC provider for that one service account, allowed on that one bucket.
 */
public final class CacheIam {
    private CacheIam() {}

    /** {@code issuer} is the provider's URL; IAM condition keys use it without the scheme. */
    public static String serviceAccountTrust(String oidcProviderArn, String issuer, String namespace, String serviceAccount) {
        String host = issuer.replaceFirst("^https://", "");
        Map<String, Object> equals = new LinkedHashMap<>();
        equals.put(host + ":sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
        equals.put(host + ":aud", FargateCluster.OIDC_AUDIENCE);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Federated", oidcProviderArn));
        statement.put("Action", "sts:AssumeRoleWithWebIdentity");
        statement.put("Condition", Map.of("StringEquals", equals));
        return IamPolicies.json(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }

    public static String bucketPolicy(String partition, String bucket) {
        String bucketArn = "arn:" + partition + ":s3:::" + bucket;
        return IamPolicies.json(Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Effect", "Allow", "Action", List.of("s3:ListBucket"), "Resource", bucketArn),
                Map.of("Effect", "Allow", "Action", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        "Resource", bucketArn + "/*"))));
    }

    /** A bucket name unique to the stack, account and region, within S3's 63 characters. */
    public static String bucketName(String stack, String accountId, String region) {
        String name = ("gitlab-runner-cache-" + stack + "-" + accountId + "-" + region).toLowerCase()
                .replaceAll("[^a-z0-9-]", "-");
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
    }
}
