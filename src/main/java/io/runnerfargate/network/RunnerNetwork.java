package io.runnerfargate.network;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.runnerfargate.cluster.IamPolicies;
import io.runnerfargate.config.ResourceTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's network: a VPC, private subnets for the Fargate pods (no public IPs, outbound
 * through NAT), public subnets that hold only the NAT gateways, and the route tables between them.
 */
public final class RunnerNetwork extends ComponentResource {
    public static final String TYPE = "runner:network:RunnerNetwork";
    public static final String ANYWHERE = "0.0.0.0/0";

    private final Output<String> vpcId;
    private final Output<List<String>> privateSubnetIds;
    private final Output<List<String>> publicSubnetIds;
    private final Output<List<String>> natPublicIps;

    public RunnerNetwork(String name, RunnerNetworkArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String p = args.prefix();
        SubnetPlan plan = args.plan();

        var vpc = new Vpc(p + "-vpc", VpcArgs.builder()
                .cidrBlock(plan.vpc().toString())
                // EKS requires both for private endpoint DNS and for Fargate pods (EKS network requirements).
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(tags(args, p + "-vpc", Map.of()))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        this.vpcId = vpc.id();

        // Adopting the default security group without rules removes AWS's allow-all rules (Checkov CKV2_AWS_12):
        // nothing in this stack uses it, and nothing placed in it by mistake can talk.
        new DefaultSecurityGroup(p + "-default-sg", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(tags(args, p + "-default-sg", Map.of()))
                .build(), child());
        if (args.flowLogs()) {
            flowLogs(args, vpc);
        }

        String clusterTag = "kubernetes.io/cluster/" + args.clusterName();
        Map<String, Subnet> privateSubnets = new LinkedHashMap<>();
        Map<String, Subnet> publicSubnets = new LinkedHashMap<>();
        for (var zone : plan.zones()) {
            String subnetName = p + "-private-" + zone.key();
            privateSubnets.put(zone.key(), new Subnet(subnetName, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .cidrBlock(zone.privateCidr().toString())
                    .availabilityZone(zone.availabilityZone())
                    .mapPublicIpOnLaunch(false)
                    .tags(tags(args, subnetName, Map.of("kubernetes.io/role/internal-elb", "1", clusterTag, "shared")))
                    .build(), child()));
        }
        for (var zone : plan.publicZones()) {
            String subnetName = p + "-public-" + zone.key();
            publicSubnets.put(zone.key(), new Subnet(subnetName, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .cidrBlock(zone.publicCidr().orElseThrow().toString())
                    .availabilityZone(zone.availabilityZone())
                    // The NAT gateway gets its address from its own Elastic IP; nothing else belongs here.
                    .mapPublicIpOnLaunch(false)
                    .tags(tags(args, subnetName, Map.of("kubernetes.io/role/elb", "1", clusterTag, "shared")))
                    .build(), child()));
        }

        Map<String, NatGateway> nats = new LinkedHashMap<>();
        List<Output<String>> natIps = new ArrayList<>();
        if (!publicSubnets.isEmpty()) {
            var igw = new InternetGateway(p + "-igw", InternetGatewayArgs.builder()
                    .vpcId(vpc.id())
                    .tags(tags(args, p + "-igw", Map.of()))
                    .build(), child());

            var publicTable = new RouteTable(p + "-public-rt", RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .tags(tags(args, p + "-public-rt", Map.of()))
                    .build(), child());
            new Route(p + "-public-default", RouteArgs.builder()
                    .routeTableId(publicTable.id())
                    .destinationCidrBlock(ANYWHERE)
                    .gatewayId(igw.id())
                    .build(), child());
            publicSubnets.forEach((key, subnet) -> new RouteTableAssociation(p + "-public-rta-" + key,
                    RouteTableAssociationArgs.builder().routeTableId(publicTable.id()).subnetId(subnet.id()).build(), child()));

            // EIP and NAT after the internet gateway, so that destroy removes them first: an IGW with
            // mapped public addresses cannot be detached (aws-facts: teardown order).
            var afterIgw = CustomResourceOptions.builder().parent(this).dependsOn(igw).build();
            for (var zone : plan.natZones()) {
                var eip = new Eip(p + "-nat-eip-" + zone.key(), EipArgs.builder()
                        .domain("vpc")
                        .tags(tags(args, p + "-nat-eip-" + zone.key(), Map.of()))
                        .build(), afterIgw);
                // By allocation id, never by network interface, so the address is released cleanly.
                nats.put(zone.key(), new NatGateway(p + "-nat-" + zone.key(), NatGatewayArgs.builder()
                        .allocationId(eip.allocationId())
                        .subnetId(publicSubnets.get(zone.key()).id())
                        .connectivityType("public")
                        .tags(tags(args, p + "-nat-" + zone.key(), Map.of()))
                        .build(), afterIgw));
                natIps.add(eip.publicIp());
            }
        }

        List<RouteTable> privateTables = new ArrayList<>();
        for (var zone : plan.zones()) {
            String tableName = p + "-private-rt-" + zone.key();
            var table = new RouteTable(tableName, RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .tags(tags(args, tableName, Map.of()))
                    .build(), child());
            privateTables.add(table);
            plan.natFor(zone).ifPresent(natZone -> new Route(p + "-private-default-" + zone.key(), RouteArgs.builder()
                    .routeTableId(table.id())
                    .destinationCidrBlock(ANYWHERE)
                    .natGatewayId(nats.get(natZone.key()).id())
                    .build(), child()));
            new RouteTableAssociation(p + "-private-rta-" + zone.key(), RouteTableAssociationArgs.builder()
                    .routeTableId(table.id())
                    .subnetId(privateSubnets.get(zone.key()).id())
                    .build(), child());
        }

        if (args.s3GatewayEndpoint()) {
            // Free, unlike the NAT's per-GB charge: ECR serves image layers from S3, and the runner's
            // S3 cache is S3 too, so most of a job's download volume leaves the NAT's bill.
            new VpcEndpoint(p + "-s3-endpoint", VpcEndpointArgs.builder()
                    .vpcId(vpc.id())
                    .serviceName("com.amazonaws." + args.region() + ".s3")
                    .vpcEndpointType("Gateway")
                    .routeTableIds(Output.all(privateTables.stream().map(RouteTable::id).toList()))
                    .tags(tags(args, p + "-s3-endpoint", Map.of()))
                    .build(), child());
        }

        this.privateSubnetIds = Output.all(privateSubnets.values().stream().map(Subnet::id).toList());
        this.publicSubnetIds = Output.all(publicSubnets.values().stream().map(Subnet::id).toList());
        this.natPublicIps = Output.all(natIps);
        registerOutputs(Map.of(
                "vpcId", vpcId,
                "privateSubnetIds", privateSubnetIds,
                "publicSubnetIds", publicSubnetIds,
                "natPublicIps", natPublicIps));
    }

    /** Every accepted and rejected flow, to a log group only the flow-log service may write (VPC user guide, "Flow logs"). */
    private void flowLogs(RunnerNetworkArgs args, Vpc vpc) {
        String p = args.prefix();
        String partition = IamPolicies.partition(args.region());
        var group = new LogGroup(p + "-flow-logs", LogGroupArgs.builder()
                .name("/aws/vpc/" + p + "-flow-logs")
                .retentionInDays(args.logRetentionDays())
                .kmsKeyId(args.kmsKeyArn().orElse(null))
                .tags(tags(args, p + "-flow-logs", Map.of()))
                .build(), child());
        var role = new Role(p + "-flow-logs-role", RoleArgs.builder()
                .assumeRolePolicy(args.accountId().applyValue(account -> IamPolicies.serviceTrust(
                        "vpc-flow-logs.amazonaws.com", Map.of("StringEquals", Map.of("aws:SourceAccount", account),
                                "ArnLike", Map.of("aws:SourceArn", "arn:" + partition + ":ec2:" + args.region() + ":" + account + ":vpc-flow-log/*")))))
                .tags(tags(args, p + "-flow-logs-role", Map.of()))
                .build(), child());
        new RolePolicy(p + "-flow-logs-write", RolePolicyArgs.builder()
                .role(role.name())
                .policy(group.arn().applyValue(arn -> IamPolicies.json(Map.of("Version", "2012-10-17", "Statement", List.of(
                        Map.of("Effect", "Allow",
                                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                                "Resource", List.of(arn, arn + ":*")))))))
                .build(), child());
        new FlowLog(p + "-flow-log", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(group.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(600)
                .tags(tags(args, p + "-flow-log", Map.of()))
                .build(), child());
    }

    private CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    private static Map<String, String> tags(RunnerNetworkArgs args, String name, Map<String, String> extra) {
        return ResourceTags.of(args.tags(), name, extra);
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    public Output<List<String>> privateSubnetIds() {
        return privateSubnetIds;
    }

    public Output<List<String>> publicSubnetIds() {
        return publicSubnetIds;
    }

    /** The NAT gateways' public addresses: what GitLab or a firewall must allow as the runner's egress. */
    public Output<List<String>> natPublicIps() {
        return natPublicIps;
    }
}
