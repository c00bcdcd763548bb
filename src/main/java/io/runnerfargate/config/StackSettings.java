package io.runnerfargate.config;

import io.runnerfargate.cluster.EksVersions;
import io.runnerfargate.network.Ipv4Cidr;
import io.runnerfargate.network.SubnetPlan;
import io.runnerfargate.cost.FargateSizing;
import io.runnerfargate.cost.KubeQuantity;
import io.runnerfargate.runner.ContainerSize;
import io.runnerfargate.runner.ExtraRunnerConfig;
import io.runnerfargate.runner.JobSizing;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything one stack asks for, parsed and validated in one pure step from the stack's config
 * map. Either every value is valid or {@link #parse} throws {@link InvalidSettingsException} with
 * every problem, before any resource is registered.
 */
public record StackSettings(
        String project,
        String stack,
        String region,
        Ipv4Cidr vpcCidr,
        List<Ipv4Cidr> privateSubnetCidrs,
        List<Ipv4Cidr> publicSubnetCidrs,
        List<String> availabilityZones,
        NatMode natGateway,
        String clusterName,
        String kubernetesVersion,
        boolean endpointPublicAccess,
        List<Ipv4Cidr> publicAccessCidrs,
        List<String> adminPrincipalArns,
        String gitlabUrl,
        RunnerTokenSource runnerToken,
        String runnerNamespace,
        String jobNamespace,
        int concurrent,
        String chartVersion,
        int logRetentionDays,
        CacheBucket cacheBucket,
        int pollTimeoutSeconds,
        JobSizing sizing,
        Map<String, Object> extraRunnerConfig,
        boolean extraRunnerConfigSecret,
        RegistrationOptions registration,
        Map<String, String> tags,
        boolean s3GatewayEndpoint,
        int natDataGbPerMonth,
        int jobHoursPerMonth,
        int logGbPerMonth,
        SecurityControls security) {

    public static final String REGION_KEY = "aws:region";

    /** EKS cluster names (CreateCluster API reference). */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    /** RFC 1123 label, which Kubernetes requires of namespace names. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** Access entries take IAM users and roles, not assumed-role session ARNs (EKS access entries docs). */
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:(user|role)/[\\w+=,.@/-]{1,512}");
    /** Secrets Manager secret names, or a full secret ARN (CreateSecret API reference). */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}|arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern CHART_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    /** S3 bucket names (S3 user guide, "Bucket naming rules"), without the rarer dotted forms. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    /** The values CloudWatch Logs accepts for retentionInDays (PutRetentionPolicy API reference). */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Set<String> RESERVED_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease", "aws-observability");
    /** Tags the program sets on every resource itself. */
    public static final List<String> BASE_TAG_KEYS = List.of("Environment", "Project", "ManagedBy");
    /** Bounds of the usage figures the cost estimate takes; 146,000 job hours is 200 jobs around the clock. */
    public static final int MAX_NAT_DATA_GB = 1_000_000;
    public static final int MAX_JOB_HOURS = 146_000;
    public static final int MAX_LOG_GB = 100_000;

    public StackSettings {
        privateSubnetCidrs = List.copyOf(privateSubnetCidrs);
        publicSubnetCidrs = List.copyOf(publicSubnetCidrs);
        availabilityZones = List.copyOf(availabilityZones);
        publicAccessCidrs = List.copyOf(publicAccessCidrs);
        adminPrincipalArns = List.copyOf(adminPrincipalArns);
        tags = Map.copyOf(tags);
        extraRunnerConfig = Map.copyOf(extraRunnerConfig);
    }

    /**
     * Parses a stack's config as the engine passes it: keys are {@code <project>:<key>} or
     * {@code aws:region}; lists and maps are JSON text. {@code secretKeys} are the full keys the
     * stack file stores encrypted.
     */
    public static StackSettings parse(String project, String stack, Map<String, String> config, Set<String> secretKeys) {
        Map<String, String> own = new LinkedHashMap<>();
        Set<String> ownSecrets = new LinkedHashSet<>();
        List<SettingsError> unknown = new ArrayList<>();
        String prefix = project + ":";
        for (var e : config.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String key = e.getKey().substring(prefix.length());
                if (SettingKey.named(key).isEmpty()) {
                    unknown.add(new SettingsError(key, "is not a setting of this project" + didYouMean(key)
                            + "; the settings are listed in Pulumi.yaml and the README"));
                    continue;
                }
                own.put(key, e.getValue());
                if (secretKeys.contains(e.getKey())) {
                    ownSecrets.add(key);
                }
            }
        }
        var r = new ConfigReader(own, ownSecrets);
        r.errors().addAll(unknown);

        String region = config.get(REGION_KEY);
        if (region == null || region.isBlank()) {
            r.error(REGION_KEY, "is not set; set it in the stack file, e.g. aws:region: us-west-2");
            region = "us-west-2";
        } else if (!REGION.matcher(region).matches()) {
            r.error(REGION_KEY, ConfigReader.quote(region) + " is not an AWS region name such as us-west-2");
        }

        Ipv4Cidr vpc = cidr(r, "vpcCidr", r.string("vpcCidr", "10.0.0.0/16"));
        List<Ipv4Cidr> privates = cidrList(r, "privateSubnetCidrs", List.of("10.0.1.0/24", "10.0.2.0/24"));
        List<Ipv4Cidr> publics = cidrList(r, "publicSubnetCidrs", List.of("10.0.3.0/24"));
        List<String> azs = r.stringList("availabilityZones", "[\"us-west-2a\", \"us-west-2b\"]").orElse(List.of());
        if (r.isSet("availabilityZones")) {
            if (azs.size() != privates.size()) {
                r.error("availabilityZones", azs + " names " + azs.size() + " zone(s) for " + privates.size()
                        + " private subnets; name one AZ per private subnet, in the same order");
            }
            if (new LinkedHashSet<>(azs).size() != azs.size()) {
                r.error("availabilityZones", azs + " repeats a zone; EKS needs its subnets in different Availability Zones");
            }
            for (String az : azs) {
                if (!az.startsWith(region)) {
                    r.error("availabilityZones", ConfigReader.quote(az) + " is not a zone of region " + region);
                }
            }
        }
        String natText = r.string("natGateway", "single");
        NatMode nat = NatMode.fromConfig(natText).orElseGet(() -> {
            String suggestion = java.util.Arrays.stream(NatMode.values()).map(NatMode::configValue)
                    .filter(v -> v.equalsIgnoreCase(natText)).findFirst().map(v -> " (did you mean " + v + "?)").orElse("");
            r.error("natGateway", ConfigReader.quote(natText) + " is not a NAT mode" + suggestion + "; use one of " + NatMode.validValues());
            return NatMode.SINGLE;
        });
        r.errors().addAll(SubnetPlan.check(vpc, privates, publics, nat));

        String clusterName = r.string("clusterName", stack + "-eks-cluster");
        if (!CLUSTER_NAME.matcher(clusterName).matches()) {
            r.error("clusterName", ConfigReader.quote(clusterName)
                    + " is not a valid EKS cluster name; use 1 to 100 letters, digits, - and _, starting with a letter or digit");
        }
        String version = r.string("kubernetesVersion", "1.35");
        if (!EksVersions.isKnown(version)) {
            r.error("kubernetesVersion", ConfigReader.quote(version) + " is not an EKS version this program supports; use one of "
                    + EksVersions.known());
        }
        boolean publicEndpoint = r.bool("endpointPublicAccess", true);
        List<Ipv4Cidr> accessCidrs = new ArrayList<>();
        for (String c : r.stringList("publicAccessCidrs", "[\"203.0.113.0/24\"]").orElse(List.of("0.0.0.0/0"))) {
            Optional.ofNullable(cidr(r, "publicAccessCidrs", c)).ifPresent(accessCidrs::add);
        }
        if (publicEndpoint && accessCidrs.isEmpty() && r.isSet("publicAccessCidrs")) {
            r.error("publicAccessCidrs", "is empty while endpointPublicAccess is true; list the CIDR blocks allowed to reach the API, or set endpointPublicAccess to false");
        }
        List<String> admins = r.stringList("adminPrincipalArns", "[\"arn:aws:iam::123456789012:role/PlatformAdmin\"]").orElse(List.of());
        for (String arn : admins) {
            if (!PRINCIPAL_ARN.matcher(arn).matches()) {
                r.error("adminPrincipalArns", ConfigReader.quote(arn) + " is not an IAM user or role ARN such as "
                        + "arn:aws:iam::123456789012:role/PlatformAdmin (for an assumed-role session, give the role's ARN)");
            }
        }
        if (new LinkedHashSet<>(admins).size() != admins.size()) {
            r.error("adminPrincipalArns", "lists a principal twice; each gets one access entry");
        }

        String gitlabUrl = r.string("gitlabUrl", "https://gitlab.com/");
        checkGitlabUrl(r, gitlabUrl);
        RunnerTokenSource token = token(r);
        String runnerNamespace = namespace(r, "runnerNamespace", r.string("runnerNamespace", "gitlab-runner"));
        String jobNamespace = namespace(r, "jobNamespace", r.string("jobNamespace", runnerNamespace));
        int concurrent = r.integer("concurrent", 10, 1, 200);
        String chartVersion = r.string("chartVersion", "0.86.0");
        if (!CHART_VERSION.matcher(chartVersion).matches()) {
            r.error("chartVersion", ConfigReader.quote(chartVersion) + " is not a chart version such as 0.86.0");
        }
        int logRetentionDays = r.integer("logRetentionDays", 7, 1, 3653);
        if (!LOG_RETENTION_DAYS.contains(logRetentionDays)) {
            r.error("logRetentionDays", logRetentionDays + " is not a retention CloudWatch offers; use one of " + LOG_RETENTION_DAYS);
        }
        CacheBucket cache = cacheBucket(r);
        int pollTimeout = r.integer("pollTimeoutSeconds", 600, 180, 3600);
        JobSizing sizing = sizing(r);
        Map<String, Object> extra = Map.of();
        boolean extraSecret = r.isSecret(ExtraRunnerConfig.KEY);
        if (extraSecret && SecretText.UNREADABLE_STAND_IN.equals(r.raw(ExtraRunnerConfig.KEY).orElse(""))) {
            // Checked by `pulumi up`, which can decrypt it; the plan cannot.
        } else if (r.isSet(ExtraRunnerConfig.KEY)) {
            var parsed = ExtraRunnerConfig.parse(r.raw(ExtraRunnerConfig.KEY).orElse(""),
                    Set.copyOf(runnerNamespaces(runnerNamespace, jobNamespace)));
            r.errors().addAll(parsed.errors());
            extra = parsed.runner();
        }
        var registration = new RegistrationOptions(
                r.stringList("runnerTags", "[\"docker\", \"fargate\"]"),
                r.isSet("runUntagged") ? Optional.of(r.bool("runUntagged", false)) : Optional.empty(),
                r.isSet("runnerLocked") ? Optional.of(r.bool("runnerLocked", false)) : Optional.empty(),
                r.isSet("runnerProtected") ? Optional.of(r.bool("runnerProtected", false)) : Optional.empty());
        if (token instanceof RunnerTokenSource.SecretsManager) {
            // The token's kind is known only at deploy time, after the network and cluster exist.
            for (String key : registration.setKeys()) {
                r.error(key, "goes only with a legacy registration token, and a token read from Secrets Manager at deploy time"
                        + " cannot be checked before resources are created; give a legacy token as runnerToken, or set "
                        + key + " in GitLab for a glrt- token");
            }
        }
        if (token instanceof RunnerTokenSource.StackSecret inline && inline.token().readable()
                && inline.token().reveal().startsWith(AUTHENTICATION_TOKEN_PREFIX)) {
            for (String key : registration.setKeys()) {
                r.error(key, "is set in GitLab for a glrt- runner authentication token (the runner's page under Settings > CI/CD > Runners),"
                        + " not here; passing it makes registration fail. Remove " + key);
            }
        }
        Map<String, String> tags = r.stringMap("tags", "{\"CostCenter\": \"platform\"}").orElse(Map.of());
        for (String key : tags.keySet()) {
            if (BASE_TAG_KEYS.contains(key)) {
                r.error("tags." + key, "is set by the program on every resource; choose another tag name");
            } else if (key.toLowerCase().startsWith("aws:")) {
                r.error("tags." + key, "uses the aws: prefix, which AWS reserves for its own tags");
            } else if (key.isEmpty() || key.length() > 128) {
                r.error("tags", ConfigReader.quote(key) + " is not a tag key of 1 to 128 characters");
            }
        }
        boolean s3Endpoint = r.bool("s3GatewayEndpoint", true);
        int natDataGb = r.integer("natDataGbPerMonth", 100, 0, MAX_NAT_DATA_GB);
        int jobHours = r.integer("jobHoursPerMonth", 40, 0, MAX_JOB_HOURS);
        int logGb = r.integer("logGbPerMonth", 1, 0, MAX_LOG_GB);

        SecurityControls security = security(r, stack, publicEndpoint, accessCidrs);

        if (!r.errors().isEmpty()) {
            throw new InvalidSettingsException(r.errors());
        }
        return new StackSettings(project, stack, region, vpc, privates, publics, azs, nat, clusterName, version,
                publicEndpoint, accessCidrs, admins, gitlabUrl, token, runnerNamespace, jobNamespace, concurrent,
                chartVersion, logRetentionDays, cache, pollTimeout, sizing, extra, extraSecret, registration, tags, s3Endpoint, natDataGb,
                jobHours, logGb, security);
    }

    /** Environment, Project and ManagedBy, then the stack's own tags. */
    public Map<String, String> resourceTags() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Environment", stack);
        all.put("Project", project);
        all.put("ManagedBy", "pulumi");
        all.putAll(new java.util.TreeMap<>(tags));
        return all;
    }

    /** Every Fargate-selected namespace the runner needs, without repeats. */
    public List<String> runnerNamespaces() {
        return runnerNamespaces(runnerNamespace, jobNamespace);
    }

    private static List<String> runnerNamespaces(String runnerNamespace, String jobNamespace) {
        return runnerNamespace.equals(jobNamespace) ? List.of(runnerNamespace) : List.of(runnerNamespace, jobNamespace);
    }

    /** The five control-plane log types; scanners want all of them (Checkov CKV_AWS_37). */
    public static final List<String> ALL_CONTROL_PLANE_LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
    /** Public access blocks wider than this count as open to the internet. */
    private static final int NARROWEST_OPEN_PREFIX = 8;

    /**
     * Security controls: on unless a non-production stack turns one off and says why. In production
     * a relaxation is an error, and so is an API endpoint open to the whole internet.
     */
    private static SecurityControls security(ConfigReader r, String stack, boolean publicEndpoint, List<Ipv4Cidr> accessCidrs) {
        boolean production = r.bool("production", stack.equals("prod") || stack.startsWith("prod-"));
        boolean encryption = r.bool("secretsEncryption", true);
        boolean flowLogs = r.bool("flowLogs", true);
        List<String> logTypes = r.stringList("controlPlaneLogTypes", "[\"api\", \"audit\", \"authenticator\"]")
                .orElse(ALL_CONTROL_PLANE_LOG_TYPES);
        for (String type : logTypes) {
            if (!ALL_CONTROL_PLANE_LOG_TYPES.contains(type)) {
                r.error("controlPlaneLogTypes", ConfigReader.quote(type) + " is not an EKS log type; use some of " + ALL_CONTROL_PLANE_LOG_TYPES);
            }
        }
        String reason = r.string("securityRelaxationReason", null);
        boolean protect = r.bool("protectResources", production);

        List<String> relaxed = new ArrayList<>();
        if (!encryption) {
            relaxed.add("secretsEncryption is false");
        }
        if (!flowLogs) {
            relaxed.add("flowLogs is false");
        }
        if (!logTypes.containsAll(ALL_CONTROL_PLANE_LOG_TYPES)) {
            relaxed.add("controlPlaneLogTypes leaves out " + ALL_CONTROL_PLANE_LOG_TYPES.stream().filter(t -> !logTypes.contains(t)).toList());
        }
        // Scanners flag an endpoint open to the internet (CKV_AWS_39); a few very wide blocks are the same thing.
        List<Ipv4Cidr> tooWide = publicEndpoint
                ? accessCidrs.stream().filter(c -> c.prefixLength() < NARROWEST_OPEN_PREFIX).toList() : List.of();
        if (production) {
            for (String what : relaxed) {
                String key = what.substring(0, what.indexOf(' '));
                r.error(key, what.substring(key.length() + 1) + ", which production stacks may not do (production is true);"
                        + " turn the control back on");
            }
            if (!tooWide.isEmpty()) {
                r.error("publicAccessCidrs", tooWide + " opens the API endpoint to the internet (blocks wider than /"
                        + NARROWEST_OPEN_PREFIX + "), which production stacks may not do (production is true);"
                        + " list your VPN and CI egress ranges, or set endpointPublicAccess to false");
            }
        } else if (!tooWide.isEmpty()) {
            relaxed.add("publicAccessCidrs opens the API endpoint to the internet (" + tooWide + ")");
        }
        if (!production && !relaxed.isEmpty() && reason == null) {
            r.error("securityRelaxationReason", "is not set, but " + String.join(", ", relaxed)
                    + "; say why in securityRelaxationReason, or turn the controls back on");
        }
        return new SecurityControls(production, encryption, flowLogs, logTypes, protect, relaxed, Optional.ofNullable(reason));
    }

    /** Runner authentication tokens (GitLab 16.0 and later) start with this; older ones are registration tokens. */
    public static final String AUTHENTICATION_TOKEN_PREFIX = "glrt-";

    /** What a user should know before `pulumi up` that is not an error. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (runnerToken instanceof RunnerTokenSource.StackSecret inline && inline.token().readable()
                && !inline.token().reveal().startsWith(AUTHENTICATION_TOKEN_PREFIX)) {
            warnings.add("runnerToken is a legacy registration token; GitLab is removing registration tokens (announced for 20.0)."
                    + " Create a runner in GitLab and use its glrt- authentication token.");
        }
        if (natGateway == NatMode.NONE) {
            // Parking saves the NAT charges, and stops every job that needs the internet.
            warnings.add("natGateway is none (parked): no NAT gateway or public IP is billed, but the private subnets have no route "
                    + "to the internet. While parked, job pods cannot pull images from public registries or ECR and the runner "
                    + "cannot reach GitLab, so no job runs. Set natGateway to single or perAz and run `pulumi up` to resume."
                    + " Park a stack that runs already: on a first `pulumi up` the runner's own image cannot be pulled either,"
                    + " and the Helm release waits for it until its timeout.");
        }
        return warnings;
    }

    /**
     * Every container's size, and the job pod's sum checked against Fargate: a pod larger than the
     * largest Fargate size is never scheduled and the job waits until poll_timeout.
     */
    private static JobSizing sizing(ConfigReader r) {
        JobSizing d = JobSizing.DEFAULT;
        int before = r.errors().size();
        var sizing = new JobSizing(
                container(r, "build", d.build()), container(r, "helper", d.helper()), container(r, "service", d.service()),
                new ContainerSize(quantity(r, "managerCpu", d.manager().cpu(), true), quantity(r, "managerMemory", d.manager().memory(), false), null));
        if (r.errors().size() > before) {
            return d;
        }
        for (int services : List.of(0, 1)) {
            var pod = sizing.jobPod(services);
            String what = services == 0 ? "a job pod (build + helper)" : "a job pod with one service (build + helper + service)";
            try {
                pod.billedSize();
            } catch (IllegalArgumentException e) {
                boolean tooManyCpus = pod.vcpu().compareTo(FargateSizing.LARGEST.vcpu()) > 0;
                String key = (services == 0 ? "build" : "service") + (tooManyCpus ? "Cpu" : "Memory");
                r.error(key, what + " requests " + pod.vcpu().toPlainString() + " vCPU / "
                        + pod.memoryGb().toPlainString() + " GB, larger than any Fargate size (at most " + FargateSizing.LARGEST
                        + " including Fargate's 256 MB); lower buildCpu/buildMemory or the helper and service sizes");
                break;
            }
            if (sizing.jobPodEphemeralGb(services).compareTo(JobSizing.MAX_EPHEMERAL_GB) > 0) {
                r.error("buildEphemeralStorage", what + " asks for " + sizing.jobPodEphemeralGb(services).toPlainString()
                        + " GiB of ephemeral storage; a Fargate pod has at most 175 GiB");
                break;
            }
        }
        try {
            sizing.manager().requests().billedSize();
        } catch (IllegalArgumentException e) {
            r.error("managerCpu", "the runner manager pod is larger than any Fargate size: " + e.getMessage());
        }
        return sizing;
    }

    private static ContainerSize container(ConfigReader r, String name, ContainerSize fallback) {
        return new ContainerSize(quantity(r, name + "Cpu", fallback.cpu(), true),
                quantity(r, name + "Memory", fallback.memory(), false),
                quantity(r, name + "EphemeralStorage", fallback.ephemeralStorage(), false));
    }

    private static String quantity(ConfigReader r, String key, String fallback, boolean cpu) {
        String value = r.string(key, fallback);
        try {
            java.math.BigDecimal amount = cpu ? KubeQuantity.vcpu(value) : KubeQuantity.memoryGb(value);
            if (amount.signum() <= 0) {
                r.error(key, ConfigReader.quote(value) + " is zero; Fargate sizes the pod from it, give a positive amount");
            }
        } catch (IllegalArgumentException e) {
            r.error(key, ConfigReader.quote(value) + " is not a Kubernetes " + (cpu ? "CPU quantity such as 250m or 2"
                    : "quantity such as 512Mi or 3Gi"));
        }
        return value;
    }

    private static CacheBucket cacheBucket(ConfigReader r) {
        String value = r.string("cacheBucket", "create");
        return switch (value) {
            case "none" -> CacheBucket.none();
            case "create" -> new CacheBucket.Create();
            default -> {
                if (!BUCKET_NAME.matcher(value).matches() || value.contains("--") && value.startsWith("xn--")) {
                    r.error("cacheBucket", ConfigReader.quote(value) + " is neither create, none nor an S3 bucket name"
                            + " (3 to 63 lowercase letters, digits and -, starting and ending with a letter or digit)");
                }
                yield new CacheBucket.Existing(value);
            }
        };
    }

    private static RunnerTokenSource token(ConfigReader r) {
        boolean inline = r.isSet("runnerToken");
        boolean named = r.isSet("runnerTokenSecretName");
        if (inline && named) {
            r.error("runnerToken", "is set together with runnerTokenSecretName; keep exactly one source for the runner token");
            return null;
        }
        if (!inline && !named) {
            r.error("runnerToken", "is not set; set the runner token with `pulumi config set --secret runnerToken glrt-...`, "
                    + "or name an AWS Secrets Manager secret with runnerTokenSecretName");
            return null;
        }
        if (named) {
            String name = r.string("runnerTokenSecretName", null);
            if (name != null && !SECRET_NAME.matcher(name).matches()) {
                r.error("runnerTokenSecretName", ConfigReader.quote(name)
                        + " is not a Secrets Manager secret name (1 to 512 of letters, digits and /_+=.@-) or ARN");
            }
            return new RunnerTokenSource.SecretsManager(name);
        }
        if (!r.isSecret("runnerToken")) {
            r.error("runnerToken", "is stored in plain text; set it as a secret: pulumi config set --secret runnerToken <token>");
            return null;
        }
        String raw = r.raw("runnerToken").orElse("");
        if (raw.equals(SecretText.UNREADABLE_STAND_IN)) {
            return new RunnerTokenSource.StackSecret(SecretText.unreadable(raw));
        }
        // A token pasted with a trailing newline breaks every request the runner makes.
        String value = raw.strip();
        if (value.isEmpty()) {
            r.error("runnerToken", "is empty; set the runner authentication token from GitLab (glrt-...)");
            return null;
        }
        return new RunnerTokenSource.StackSecret(SecretText.of(value));
    }

    private static String namespace(ConfigReader r, String key, String value) {
        if (value.length() > 63 || !NAMESPACE.matcher(value).matches()) {
            r.error(key, ConfigReader.quote(value) + " is not a Kubernetes namespace name; use at most 63 lowercase letters, "
                    + "digits and -, starting and ending with a letter or digit");
        } else if (RESERVED_NAMESPACES.contains(value)) {
            r.error(key, ConfigReader.quote(value) + " is reserved for the cluster itself; use a namespace of the runner's own, e.g. gitlab-runner");
        }
        return value;
    }

    private static void checkGitlabUrl(ConfigReader r, String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                r.error("gitlabUrl", ConfigReader.quote(url) + " is not an http(s) URL of a GitLab instance, e.g. https://gitlab.com/");
            }
        } catch (URISyntaxException e) {
            r.error("gitlabUrl", ConfigReader.quote(url) + " is not a URL; e.g. https://gitlab.com/");
        }
    }

    private static Ipv4Cidr cidr(ConfigReader r, String key, String text) {
        try {
            return Ipv4Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            r.error(key, ConfigReader.quote(text) + " " + e.getMessage() + ", e.g. 10.0.0.0/16");
            return null;
        }
    }

    private static List<Ipv4Cidr> cidrList(ConfigReader r, String key, List<String> fallback) {
        List<String> texts = r.stringList(key, "[\"10.0.1.0/24\", \"10.0.2.0/24\"]").orElse(fallback);
        List<Ipv4Cidr> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Ipv4Cidr c = cidr(r, key + "[" + i + "]", texts.get(i));
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static String didYouMean(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (SettingKey k : SettingKey.ALL) {
            int d = editDistance(key.toLowerCase(), k.name().toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = k.name();
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
