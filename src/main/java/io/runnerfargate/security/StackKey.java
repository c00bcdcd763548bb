package io.runnerfargate.security;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.runnerfargate.cluster.IamPolicies;
import io.runnerfargate.config.ResourceTags;
import java.util.List;
import java.util.Map;

/**
 * The stack's customer-managed KMS key, with yearly rotation: it encrypts the cluster's Kubernetes
 * secrets (envelope encryption) and the stack's log groups.
 */
public final class StackKey extends ComponentResource {
    public static final String TYPE = "runner:security:StackKey";
    /** The shortest wait KMS allows: a deleted stack's key is gone within a week (KMS ScheduleKeyDeletion). */
    public static final int DELETION_WINDOW_DAYS = 7;

    private final Output<String> keyArn;

    public StackKey(String name, String prefix, String region, String clusterName, Output<String> accountId,
                    Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String partition = IamPolicies.partition(region);
        var key = new Key(prefix + "-key", KeyArgs.builder()
                .description("Kubernetes secrets and logs of EKS cluster " + clusterName)
                .enableKeyRotation(true)
                .deletionWindowInDays(DELETION_WINDOW_DAYS)
                .policy(accountId.applyValue(account -> keyPolicy(partition, region, account)))
                .tags(ResourceTags.of(tags, prefix + "-key"))
                .build(), CustomResourceOptions.builder().parent(this).build());
        new Alias(prefix + "-key-alias", AliasArgs.builder()
                .name("alias/" + clusterName)
                .targetKeyId(key.keyId())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.keyArn = key.arn();
        registerOutputs(Map.of("keyArn", keyArn));
    }

    /**
     * The account's own IAM policies decide who uses the key (the KMS default key policy), and
     * CloudWatch Logs may use it for this account's log groups in this region only (CloudWatch
     * Logs user guide, "Encrypt log data using AWS KMS").
     */
    static String keyPolicy(String partition, String region, String account) {
        return IamPolicies.json(Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Sid", "AccountIamPolicies",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", "arn:" + partition + ":iam::" + account + ":root"),
                        "Action", "kms:*",
                        "Resource", "*"),
                Map.of("Sid", "CloudWatchLogsOfThisAccount",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "logs." + region + ".amazonaws.com"),
                        "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"),
                        "Resource", "*",
                        "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:*"))))));
    }

    public Output<String> keyArn() {
        return keyArn;
    }
}
