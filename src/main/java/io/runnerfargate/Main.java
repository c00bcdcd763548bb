package io.runnerfargate;

import com.pulumi.Pulumi;
import io.runnerfargate.deploy.DeployCommand;
import io.runnerfargate.deploy.DeploySettingsCommand;
import io.runnerfargate.plan.PlanCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Two entry points in one jar. With no arguments it is the Pulumi program that {@code pulumi up}
 * runs (the engine starts it with its monitor address in the environment); with a subcommand it
 * is the offline tool: {@code plan} runs the same program on Pulumi's mock runtime.
 */
@Command(
        name = "gitlab-runner-fargate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "GitLab Runner on EKS Fargate: the Pulumi program and its offline tools.",
        subcommands = {PlanCommand.class, DeployCommand.class, DeploySettingsCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        if (args.length == 0 && System.getenv("PULUMI_MONITOR") != null) {
            Pulumi.run(RunnerProgram::run);
            return;
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gitlab-runner-fargate " + (version == null ? "dev" : version)};
        }
    }
}
