package io.runnerfargate.iam;

import io.runnerfargate.plan.PlannedResource;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every AWS resource type the program may register, each with the type token the plan records.
 * {@link DeployerPolicy} grants actions per kind; a type token that is missing here is a type the
 * policy does not cover, and the policy refuses to print rather than print one that fails
 * half-way through {@code pulumi up}.
 */
public enum ResourceKind {
    VPC("aws:ec2/vpc:Vpc"),
    SUBNET("aws:ec2/subnet:Subnet"),
    ROUTE_TABLE("aws:ec2/routeTable:RouteTable"),
    ROUTE("aws:ec2/route:Route"),
    ROUTE_TABLE_ASSOCIATION("aws:ec2/routeTableAssociation:RouteTableAssociation"),
    INTERNET_GATEWAY("aws:ec2/internetGateway:InternetGateway"),
    ELASTIC_IP("aws:ec2/eip:Eip"),
    NAT_GATEWAY("aws:ec2/natGateway:NatGateway"),
    VPC_ENDPOINT("aws:ec2/vpcEndpoint:VpcEndpoint"),
    DEFAULT_SECURITY_GROUP("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"),
    FLOW_LOG("aws:ec2/flowLog:FlowLog"),
    EKS_CLUSTER("aws:eks/cluster:Cluster"),
    FARGATE_PROFILE("aws:eks/fargateProfile:FargateProfile"),
    EKS_ADDON("aws:eks/addon:Addon"),
    ACCESS_ENTRY("aws:eks/accessEntry:AccessEntry"),
    ACCESS_POLICY_ASSOCIATION("aws:eks/accessPolicyAssociation:AccessPolicyAssociation"),
    IAM_ROLE("aws:iam/role:Role"),
    IAM_ROLE_POLICY("aws:iam/rolePolicy:RolePolicy"),
    IAM_ROLE_POLICY_ATTACHMENT("aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
    OIDC_PROVIDER("aws:iam/openIdConnectProvider:OpenIdConnectProvider"),
    LOG_GROUP("aws:cloudwatch/logGroup:LogGroup"),
    KMS_KEY("aws:kms/key:Key"),
    KMS_ALIAS("aws:kms/alias:Alias"),
    S3_BUCKET("aws:s3/bucketV2:BucketV2"),
    S3_PUBLIC_ACCESS_BLOCK("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
    S3_LIFECYCLE("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2");

    private final String type;

    ResourceKind(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static Optional<ResourceKind> ofType(String type) {
        return Arrays.stream(values()).filter(k -> k.type.equals(type)).findFirst();
    }

    /**
     * Resources that take no IAM permission of the deployer: components exist only in Pulumi's
     * state, providers are configuration, and Kubernetes objects are authorized by the cluster's
     * RBAC through the cluster creator's access entry, not by IAM (EKS user guide, "Grant IAM
     * users access to Kubernetes with EKS access entries").
     */
    public static boolean needsNoAwsPermission(PlannedResource resource) {
        return !resource.custom()
                || resource.type().startsWith("pulumi:providers:")
                || resource.type().startsWith("kubernetes:");
    }

    /** True when the policy knows what the resource needs, or that it needs nothing. */
    public static boolean covers(PlannedResource resource) {
        return needsNoAwsPermission(resource) || ofType(resource.type()).isPresent();
    }
}
