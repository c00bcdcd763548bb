package io.runnerfargate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deploy-settings <stack>}: makes the stack's settings in Pulumi Cloud match the repository. */
@Command(name = "deploy-settings",
        mixinStandardHelpOptions = true,
        description = {
            "Applies the stack's deployment settings from deployments/<stack>.yaml to Pulumi Cloud as a"
                    + " merge patch, after printing what changes key by key (secrets masked).",
            "The token is read from the environment variable PULUMI_ACCESS_TOKEN."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the settings were applied, or already matched",
            "2:bad arguments, a missing environment variable or an invalid settings file",
            "3:Pulumi Cloud refused a request or could not be reached"})
public final class DeploySettingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name, e.g. nonprod or prod.")
    String stackName;

    @Option(names = "--settings-dir", paramLabel = "DIR", defaultValue = "deployments",
            description = "Directory of the <stack>.yaml settings files (default: ${DEFAULT-VALUE}).")
    Path settingsDir;

    @Option(names = "--dry-run", description = "Show what would change; send nothing.")
    boolean dryRun;

    private final Map<String, String> env;
    private final TimeSource time;

    public DeploySettingsCommand() {
        this(System.getenv(), TimeSource.system());
    }

    DeploySettingsCommand(Map<String, String> env, TimeSource time) {
        this.env = env;
        this.time = time;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PulumiCloudHttp http = null;
        try {
            StackRef stack = cloud.stack(stackName, env);
            Path file = DeploymentSettingsFile.pathFor(settingsDir, stackName);
            ObjectNode patch = DeploymentSettingsFile.load(file, env);
            http = new PulumiCloudHttp(cloud.apiUrl(env), CloudOptions.token(env), time);
            DeploymentsApi api = new DeploymentsApi(http, stack);

            JsonNode current = currentSettings(api, out);
            SettingsDiff diff = SettingsDiff.between(current, patch);
            out.println("Deployment settings of " + stack + " from " + file + ":");
            for (SettingsDiff.Change change : diff.changes()) {
                out.println("  " + http.redact(change.render()));
            }
            if (!diff.kept().isEmpty()) {
                out.println("Kept as they are in Pulumi Cloud (not in the file): " + String.join(", ", diff.kept()));
            }
            String summary = diff.count(SettingsDiff.Kind.ADDED) + " added, "
                    + diff.count(SettingsDiff.Kind.CHANGED) + " changed, "
                    + diff.count(SettingsDiff.Kind.REMOVED) + " removed, "
                    + diff.count(SettingsDiff.Kind.SECRET) + " secret(s) sent, "
                    + diff.count(SettingsDiff.Kind.UNCHANGED) + " unchanged";
            if (!diff.hasWork()) {
                out.println("Already up to date (" + summary + "); nothing sent.");
            } else if (dryRun) {
                out.println("Dry run, nothing sent (" + summary + ").");
            } else {
                api.patchSettings(patch);
                out.println("Applied (" + summary + ").");
            }
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            return CommandFailures.report("deploy-settings", err, http, e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A stack without deployment settings answers 404; that is an empty start, not an error. */
    private static JsonNode currentSettings(DeploymentsApi api, PrintWriter out) {
        try {
            return api.settings();
        } catch (PulumiApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            out.println("No deployment settings in Pulumi Cloud yet (404); all keys are new.");
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
