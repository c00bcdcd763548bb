package io.runnerfargate.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** IAM policy documents as JSON, each trust limited to the one service that uses the role. */
public final class IamPolicies {
    // Sorted keys: the same document every run, so two plans (and two deploys) compare equal.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private IamPolicies() {}

    /** Partition of a region: aws, aws-cn or aws-us-gov, for ARNs of AWS-managed policies. */
    public static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    public static String managedPolicyArn(String partition, String policyName) {
        return "arn:" + partition + ":iam::aws:policy/" + policyName;
    }

    public static String serviceTrust(String service) {
        return serviceTrust(service, null);
    }

    /**
     * Trust for the Fargate pod execution role, limited to this cluster's Fargate profiles
     * (EKS user guide, "Amazon EKS Pod execution IAM role": condition aws:SourceArn).
     */
    public static String fargatePodTrust(String partition, String region, String accountId, String clusterName) {
        String profiles = "arn:" + partition + ":eks:" + region + ":" + accountId + ":fargateprofile/" + clusterName + "/*";
        return serviceTrust("eks-fargate-pods.amazonaws.com", Map.of("ArnLike", Map.of("aws:SourceArn", profiles)));
    }

    /** Trust for one AWS service, with conditions (or null) that name this account's own resources. */
    public static String serviceTrust(String service, Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", service));
        statement.put("Action", List.of("sts:AssumeRole", "sts:TagSession"));
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return json(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }

    public static String json(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
