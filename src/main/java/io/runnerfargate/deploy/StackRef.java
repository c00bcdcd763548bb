package io.runnerfargate.deploy;

import java.util.regex.Pattern;

/**
 * A stack in Pulumi Cloud. The names go into URL paths, so they are checked against the
 * characters Pulumi allows rather than escaped: a slash or a dot-dot in a name is a mistake, not
 * something to send.
 */
public record StackRef(String org, String project, String stack) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public StackRef {
        check("organization", org);
        check("project", project);
        check("stack", stack);
    }

    private static void check(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the Pulumi " + what + " name is empty");
        }
        if (!NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("the Pulumi " + what + " name '" + value
                    + "' may only hold letters, digits, '_', '.' and '-'");
        }
    }

    /** The API path prefix of this stack, {@code /api/stacks/{org}/{project}/{stack}}. */
    public String apiPath() {
        return "/api/stacks/" + org + "/" + project + "/" + stack;
    }

    @Override
    public String toString() {
        return org + "/" + project + "/" + stack;
    }
}
