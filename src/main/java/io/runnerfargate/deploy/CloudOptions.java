package io.runnerfargate.deploy;

import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the stack lives in Pulumi Cloud. Each option falls back to an environment variable so
 * that the pipeline sets them once as CI/CD variables; the token is only ever read from the
 * environment, never from the command line, where it would show in job logs and process lists.
 */
public final class CloudOptions {
    public static final String DEFAULT_PROJECT = "gitlab-runner-fargate";
    public static final String DEFAULT_API_URL = "https://api.pulumi.com";
    public static final String TOKEN_VARIABLE = "PULUMI_ACCESS_TOKEN";

    @Option(names = "--org", paramLabel = "ORG",
            description = "Pulumi organization (default: environment variable PULUMI_ORG).")
    String org;

    @Option(names = "--project", paramLabel = "PROJECT",
            description = "Pulumi project (default: " + DEFAULT_PROJECT + ").")
    String project;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "Pulumi Cloud API base URL (default: environment variable PULUMI_API_URL,"
                    + " else " + DEFAULT_API_URL + ").")
    String apiUrl;

    StackRef stack(String stackName, Map<String, String> env) {
        String orgName = org != null ? org : env.get("PULUMI_ORG");
        if (orgName == null || orgName.isBlank()) {
            throw new InputException("no Pulumi organization: pass --org or set the CI/CD variable PULUMI_ORG");
        }
        try {
            return new StackRef(orgName, project != null ? project : DEFAULT_PROJECT, stackName);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    URI apiUrl(Map<String, String> env) {
        String text = apiUrl != null ? apiUrl : env.getOrDefault("PULUMI_API_URL", "");
        if (text.isBlank()) {
            text = DEFAULT_API_URL;
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new InputException("the API URL '" + text + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InputException("the API URL '" + text + "' must be an http(s) URL such as " + DEFAULT_API_URL);
        }
        return uri;
    }

    static String token(Map<String, String> env) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new InputException(TOKEN_VARIABLE + " is not set: add it as a masked CI/CD variable"
                    + " (protected variables reach only pipelines of protected branches)");
        }
        return token.strip();
    }
}
