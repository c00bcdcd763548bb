package io.runnerfargate.config;

import java.util.List;
import java.util.Optional;

/**
 * Every project config key the program reads, with the type and default that Pulumi.yaml declares
 * for it. A test holds Pulumi.yaml to this list, so the two cannot drift apart.
 */
public record SettingKey(String name, String type, String defaultValue, String description) {

    public Optional<String> defaultOpt() {
        return Optional.ofNullable(defaultValue);
    }

    public static final List<SettingKey> ALL = List.of(
            new SettingKey("vpcCidr", "string", "10.0.0.0/16", "IPv4 CIDR block of the VPC (/16 to /28)."),
            new SettingKey("privateSubnetCidrs", "array", "[\"10.0.1.0/24\",\"10.0.2.0/24\"]",
                    "CIDR blocks of the private subnets for the Fargate pods, one per Availability Zone, at least two."),
            new SettingKey("publicSubnetCidrs", "array", "[\"10.0.3.0/24\"]",
                    "CIDR blocks of the public subnets that hold the NAT gateways: one for natGateway=single, one per AZ for perAz."),
            new SettingKey("availabilityZones", "array", null,
                    "Availability Zones for the subnets, in the order of privateSubnetCidrs; default: the region's first available ones."),
            new SettingKey("natGateway", "string", "single",
                    "NAT gateways: single (one, in the first public subnet), perAz (one per AZ), none (no outbound internet; no NAT charges)."),
            new SettingKey("clusterName", "string", null, "EKS cluster name; default <stack>-eks-cluster."),
            new SettingKey("kubernetesVersion", "string", "1.35", "EKS Kubernetes version (major.minor)."),
            new SettingKey("endpointPublicAccess", "boolean", "true",
                    "Whether the EKS API endpoint is reachable from the internet (restricted to publicAccessCidrs). The private endpoint is always on."),
            new SettingKey("publicAccessCidrs", "array", "[\"0.0.0.0/0\"]",
                    "CIDR blocks allowed to reach the public API endpoint."),
            new SettingKey("adminPrincipalArns", "array", "[]",
                    "IAM user or role ARNs that get cluster admin through EKS access entries."),
            new SettingKey("gitlabUrl", "string", "https://gitlab.com/", "URL of the GitLab instance the runner talks to."),
            new SettingKey("runnerToken", "string", null,
                    "Runner authentication token (glrt-...), set as a secret: pulumi config set --secret runnerToken. Exclusive with runnerTokenSecretName."),
            new SettingKey("runnerTokenSecretName", "string", null,
                    "Name or ARN of an AWS Secrets Manager secret holding the runner token, read at deploy time. Exclusive with runnerToken."),
            new SettingKey("runnerNamespace", "string", "gitlab-runner", "Kubernetes namespace of the runner manager (Helm release)."),
            new SettingKey("jobNamespace", "string", null, "Kubernetes namespace for CI job pods; default: runnerNamespace."),
            new SettingKey("concurrent", "integer", "10", "Most jobs the runner runs at once (1 to 200)."),
            new SettingKey("chartVersion", "string", "0.86.0", "Version of the gitlab-runner Helm chart."),
            new SettingKey("logRetentionDays", "integer", "7",
                    "Days CloudWatch keeps the control-plane and pod logs (a CloudWatch retention value: 1, 3, 5, 7, 14, 30, 60, 90, ...)."),
            new SettingKey("cacheBucket", "string", "create",
                    "S3 cache for jobs: create (a bucket for this stack), none, or the name of an existing bucket."),
            new SettingKey("pollTimeoutSeconds", "integer", "600",
                    "Seconds the runner waits for a job pod to start; Fargate needs 30 to 90 s to place a pod plus the image pull (180 to 3600)."),
            new SettingKey("buildCpu", "string", "1500m", "CPU of a job's build container (request = limit), e.g. 1500m or 2."),
            new SettingKey("buildMemory", "string", "3Gi", "Memory of a job's build container (request = limit), e.g. 3Gi."),
            new SettingKey("buildEphemeralStorage", "string", "10Gi", "Ephemeral storage of a job's build container."),
            new SettingKey("helperCpu", "string", "250m", "CPU of a job's helper container (git, artifacts, cache)."),
            new SettingKey("helperMemory", "string", "256Mi", "Memory of a job's helper container."),
            new SettingKey("helperEphemeralStorage", "string", "1Gi", "Ephemeral storage of a job's helper container."),
            new SettingKey("serviceCpu", "string", "250m", "CPU of each CI service container (services: in .gitlab-ci.yml)."),
            new SettingKey("serviceMemory", "string", "512Mi", "Memory of each CI service container."),
            new SettingKey("serviceEphemeralStorage", "string", "1Gi", "Ephemeral storage of each CI service container."),
            new SettingKey("managerCpu", "string", "250m", "CPU of the runner manager pod (request = limit)."),
            new SettingKey("managerMemory", "string", "256Mi", "Memory of the runner manager pod (request = limit)."),
            new SettingKey("extraRunnerConfig", "string", null,
                    "TOML merged into the runner's [[runners]] section, e.g. [runners.kubernetes] with image_pull_secrets; every key is checked against the runner's own key list."),
            new SettingKey("runnerTags", "array", null,
                    "Job tags, only with a legacy registration token; a glrt- token takes its tags from the runner's settings in GitLab."),
            new SettingKey("runUntagged", "boolean", null,
                    "Whether the runner picks untagged jobs, only with a legacy registration token."),
            new SettingKey("runnerLocked", "boolean", null,
                    "Lock the runner to its project, only with a legacy registration token."),
            new SettingKey("runnerProtected", "boolean", null,
                    "Run only jobs of protected branches, only with a legacy registration token."),
            new SettingKey("production", "boolean", null,
                    "Production rules: every security control on, the API endpoint never open to 0.0.0.0/0, VPC and cluster protected; default: true for a stack named prod or prod-*."),
            new SettingKey("secretsEncryption", "boolean", "true",
                    "Encrypt Kubernetes secrets and the log groups with a customer-managed KMS key (rotation on)."),
            new SettingKey("flowLogs", "boolean", "true", "VPC flow logs to CloudWatch, kept logRetentionDays days."),
            new SettingKey("controlPlaneLogTypes", "array", "[\"api\",\"audit\",\"authenticator\",\"controllerManager\",\"scheduler\"]",
                    "EKS control-plane log types sent to CloudWatch."),
            new SettingKey("securityRelaxationReason", "string", null,
                    "Why a non-production stack turns a security control off or opens the API endpoint to 0.0.0.0/0; required then, shown in the plan."),
            new SettingKey("protectResources", "boolean", null,
                    "Pulumi protect on the VPC and the cluster, so a destroy must be deliberate; default: the value of production."),
            new SettingKey("tags", "object", null,
                    "Extra tags for every AWS resource that takes tags, on top of Environment, Project and ManagedBy."),
            new SettingKey("s3GatewayEndpoint", "boolean", "true",
                    "Whether the private route tables get an S3 gateway endpoint (free): ECR image layers and S3 traffic then skip the NAT's per-GB charge."),
            new SettingKey("natDataGbPerMonth", "integer", "100",
                    "Cost estimate only: GB a month the private subnets send through NAT (0 to 1000000)."),
            new SettingKey("jobHoursPerMonth", "integer", "40",
                    "Cost estimate only: CI job pod-hours a month, summed over all jobs (0 to 146000)."),
            new SettingKey("logGbPerMonth", "integer", "1",
                    "Cost estimate only: GB of logs a month ingested into CloudWatch Logs (0 to 100000)."));

    public static Optional<SettingKey> named(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }
}
