package io.runnerfargate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleExpressionTest {
    static final Map<String, String> VARS = Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "main",
            "CI_DEFAULT_BRANCH", "main", "CI_COMMIT_REF_PROTECTED", "true");

    @Test
    void comparesVariablesAndStrings() {
        assertTrue(RuleExpression.evaluate("$CI_PIPELINE_SOURCE == \"push\"", VARS));
        assertFalse(RuleExpression.evaluate("$CI_PIPELINE_SOURCE == \"schedule\"", VARS));
        assertTrue(RuleExpression.evaluate("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", VARS));
        assertTrue(RuleExpression.evaluate("$CI_PIPELINE_SOURCE != 'schedule'", VARS));
    }

    @Test
    void anUndefinedVariableEqualsNoString() {
        assertFalse(RuleExpression.evaluate("$SCHEDULE_ACTION == \"destroy\"", VARS));
        assertTrue(RuleExpression.evaluate("$SCHEDULE_ACTION != \"destroy\"", VARS));
        assertFalse(RuleExpression.evaluate("$CI_MERGE_REQUEST_IID == $CI_DEFAULT_BRANCH", VARS));
    }

    @Test
    void andBindsTighterThanOr() {
        // The second case tells precedence from left-to-right reading: true || true && false.
        assertTrue(RuleExpression.evaluate("$X == \"1\" && $X == \"2\" || $CI_COMMIT_BRANCH == \"main\"", VARS));
        assertTrue(RuleExpression.evaluate(
                "$CI_COMMIT_BRANCH == \"main\" || $CI_COMMIT_BRANCH == \"main\" && $X == \"1\"", VARS));
        assertFalse(RuleExpression.evaluate(
                "$CI_COMMIT_BRANCH == \"main\" && $CI_COMMIT_REF_PROTECTED == \"false\"", VARS));
    }

    @Test
    void refusesWhatItDoesNotModel() {
        for (String expression : new String[] {
                "$CI_COMMIT_BRANCH =~ /^release/",
                "($CI_COMMIT_BRANCH == \"main\")",
                "$CI_COMMIT_BRANCH",
                "$CI_COMMIT_BRANCH == null",
                "$CI_COMMIT_BRANCH == \"main",
                "$CI_COMMIT_BRANCH == \"main\" &&"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> RuleExpression.evaluate(expression, VARS), expression);
            assertTrue(error.getMessage().startsWith("rules:if expression not supported by the pipeline tests: "),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith(" in: " + expression), error.getMessage());
        }
        assertEquals("rules:if expression not supported by the pipeline tests: '=~ /^release/' in:"
                        + " $CI_COMMIT_BRANCH =~ /^release/",
                assertThrows(IllegalArgumentException.class,
                        () -> RuleExpression.evaluate("$CI_COMMIT_BRANCH =~ /^release/", VARS)).getMessage());
    }
}
