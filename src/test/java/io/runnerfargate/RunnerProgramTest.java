package io.runnerfargate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runnerfargate.config.InvalidSettingsException;
import io.runnerfargate.config.RunnerTokenSource;
import io.runnerfargate.plan.StackFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings as `pulumi up` hands them over: the engine's PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS. */
class RunnerProgramTest {

    @Test
    void engineConfigParsesLikeTheStackFile() throws Exception {
        String config = """
                {"aws:region": "us-west-2",
                 "gitlab-runner-fargate:privateSubnetCidrs": "[\\"10.20.0.0/20\\",\\"10.20.16.0/20\\"]",
                 "gitlab-runner-fargate:publicSubnetCidrs": "[\\"10.20.128.0/24\\",\\"10.20.129.0/24\\"]",
                 "gitlab-runner-fargate:vpcCidr": "10.20.0.0/16",
                 "gitlab-runner-fargate:natGateway": "perAz",
                 "gitlab-runner-fargate:availabilityZones": ["us-west-2a", "us-west-2b"],
                 "gitlab-runner-fargate:publicAccessCidrs": "[\\"198.51.100.0/24\\"]",
                 "gitlab-runner-fargate:runnerToken": "glrt-engine-token\\n"}
                """;
        var settings = RunnerProgram.parseEngineConfig("gitlab-runner-fargate", "prod", config,
                "[\"gitlab-runner-fargate:runnerToken\"]");
        assertEquals(List.of("us-west-2a", "us-west-2b"), settings.availabilityZones());
        assertEquals("glrt-engine-token", ((RunnerTokenSource.StackSecret) settings.runnerToken()).token().reveal());
        assertEquals(true, settings.security().production());

        StackFiles files = StackFiles.load(Path.of("."), "prod");
        var fromFile = io.runnerfargate.config.StackSettings.parse(files.project(), "prod", files.config(), files.secretKeys());
        assertEquals(fromFile.privateSubnetCidrs(), settings.privateSubnetCidrs());
        assertEquals(fromFile.natGateway(), settings.natGateway());
    }

    @Test
    void aPlainTextTokenFromTheEngineIsRefused() {
        var e = assertThrows(InvalidSettingsException.class, () -> RunnerProgram.parseEngineConfig("gitlab-runner-fargate", "dev",
                "{\"aws:region\": \"us-west-2\", \"gitlab-runner-fargate:runnerToken\": \"glrt-x\"}", "[]"));
        assertEquals("runnerToken", e.errors().get(0).key());
    }
}
