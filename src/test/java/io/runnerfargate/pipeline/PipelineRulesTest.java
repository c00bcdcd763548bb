package io.runnerfargate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which jobs the project's .gitlab-ci.yml runs in each kind of pipeline, and what they run. */
class PipelineRulesTest {
    static final String JAR = "java -jar target/gitlab-runner-fargate.jar ";
    static final String BUILD = "mvn -B -q package -DskipTests";
    static final GitLabPipeline.Planned AUTO = new GitLabPipeline.Planned("on_success", false);
    static final GitLabPipeline.Planned MANUAL_GATE = new GitLabPipeline.Planned("manual", false);
    static final GitLabPipeline.Planned MANUAL_OPTIONAL = new GitLabPipeline.Planned("manual", true);

    static GitLabPipeline pipeline;

    @BeforeAll
    static void load() throws Exception {
        pipeline = GitLabPipeline.load(Path.of(".gitlab-ci.yml"));
    }

    static Map<String, String> vars(String... pairs) {
        Map<String, String> vars = new HashMap<>();
        vars.put("CI_DEFAULT_BRANCH", "main");
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return vars;
    }

    static Map<String, String> schedule(String action) {
        Map<String, String> vars = vars("CI_PIPELINE_SOURCE", "schedule", "CI_COMMIT_BRANCH", "main",
                "CI_COMMIT_REF_PROTECTED", "true");
        if (action != null) {
            vars.put("SCHEDULE_ACTION", action);
        }
        return vars;
    }

    @Test
    void mergeRequestsTestAndPreviewBothStacks() {
        assertEquals(Map.of("test", AUTO, "preview:nonprod", AUTO, "preview:prod", AUTO),
                pipeline.plan(vars("CI_PIPELINE_SOURCE", "merge_request_event",
                        "CI_MERGE_REQUEST_IID", "12", "CI_COMMIT_REF_PROTECTED", "false")));
    }

    @Test
    void theProtectedDefaultBranchUpdatesNonprodAndGatesProd() {
        assertEquals(Map.of(
                        "test", AUTO,
                        "deploy:nonprod", AUTO,
                        "deploy:prod", MANUAL_GATE,
                        "destroy:nonprod", MANUAL_OPTIONAL,
                        "destroy:prod", MANUAL_OPTIONAL),
                pipeline.plan(vars("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "main",
                        "CI_COMMIT_REF_PROTECTED", "true")));
    }

    @Test
    void prodJobsNeedAProtectedBranch() {
        assertEquals(Map.of("test", AUTO, "deploy:nonprod", AUTO, "destroy:nonprod", MANUAL_OPTIONAL),
                pipeline.plan(vars("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "main",
                        "CI_COMMIT_REF_PROTECTED", "false")));
    }

    @Test
    void otherBranchesRunOnlyThroughTheirMergeRequest() {
        assertEquals(Map.of(), pipeline.plan(vars("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "feature/x",
                "CI_COMMIT_REF_PROTECTED", "false")));
    }

    @Test
    void theEveningScheduleDestroysNonprodOnly() {
        assertEquals(Map.of("schedule:destroy-nonprod", AUTO), pipeline.plan(schedule("destroy")));
    }

    @Test
    void theMorningScheduleBringsNonprodBack() {
        assertEquals(Map.of("schedule:update-nonprod", AUTO), pipeline.plan(schedule("update")));
    }

    @Test
    void aScheduleWithoutAKnownActionFails() {
        Map<String, GitLabPipeline.Planned> expected = Map.of("schedule:check-action", AUTO);
        assertEquals(expected, pipeline.plan(schedule(null)));
        assertEquals(expected, pipeline.plan(schedule("Destroy")));
        assertEquals(List.of("echo \"SCHEDULE_ACTION is '$SCHEDULE_ACTION'; set it to destroy or update on the"
                + " pipeline schedule\" >&2", "exit 1"), commands("schedule:check-action"));
    }

    @Test
    void eachJobRunsTheExpectedCommands() {
        assertEquals(List.of(BUILD, JAR + "deploy nonprod preview"), commands("preview:nonprod"));
        assertEquals(List.of(BUILD, JAR + "deploy prod preview"), commands("preview:prod"));
        assertEquals(List.of(BUILD, JAR + "deploy-settings nonprod", JAR + "deploy nonprod update"),
                commands("deploy:nonprod"));
        assertEquals(List.of(BUILD, JAR + "deploy-settings prod", JAR + "deploy prod update"), commands("deploy:prod"));
        assertEquals(List.of(BUILD, JAR + "deploy nonprod destroy"), commands("destroy:nonprod"));
        assertEquals(List.of(BUILD, JAR + "deploy prod destroy"), commands("destroy:prod"));
        assertEquals(List.of(BUILD, JAR + "deploy nonprod destroy"), commands("schedule:destroy-nonprod"));
        assertEquals(List.of(BUILD, JAR + "deploy-settings nonprod", JAR + "deploy nonprod update"),
                commands("schedule:update-nonprod"));
        assertEquals(List.of(
                "mvn -B test",
                BUILD,
                JAR + "plan nonprod > plan-nonprod.txt",
                JAR + "plan nonprod --json > plan-nonprod.json",
                JAR + "plan prod > plan-prod.txt",
                JAR + "plan prod --json > plan-prod.json",
                "cat plan-nonprod.txt plan-prod.txt"), commands("test"));
    }

    @Test
    void theTestJobPublishesItsReportAndPlansAndCachesMaven() {
        JsonNode test = pipeline.job("test");
        assertEquals("target/surefire-reports/TEST-*.xml", test.at("/artifacts/reports/junit").asText());
        assertEquals("always", test.at("/artifacts/when").asText());
        assertEquals(List.of("plan-nonprod.txt", "plan-nonprod.json", "plan-prod.txt", "plan-prod.json"),
                strings(test.at("/artifacts/paths")));
        assertEquals(List.of(".m2/repository"), strings(test.at("/cache/paths")));
        assertEquals("pull-push", test.at("/cache/policy").asText());
        assertEquals("-Dmaven.repo.local=$CI_PROJECT_DIR/.m2/repository",
                pipeline.root().at("/variables/MAVEN_OPTS").asText());
        assertEquals("maven:3.9-eclipse-temurin-17", pipeline.root().at("/default/image").asText());
    }

    @Test
    void jobsThatChangeAStackNeverOverlapOnIt() {
        Map<String, String> groups = new HashMap<>();
        for (String job : List.of("deploy:nonprod", "deploy:prod", "destroy:nonprod", "destroy:prod",
                "schedule:destroy-nonprod", "schedule:update-nonprod")) {
            groups.put(job, pipeline.job(job).path("resource_group").asText());
        }
        assertEquals(Map.of("deploy:nonprod", "nonprod", "deploy:prod", "prod", "destroy:nonprod", "nonprod",
                "destroy:prod", "prod", "schedule:destroy-nonprod", "nonprod", "schedule:update-nonprod", "nonprod"),
                groups);
    }

    private static List<String> commands(String job) {
        JsonNode merged = pipeline.job(job);
        List<String> commands = new ArrayList<>(strings(merged.path("before_script")));
        commands.addAll(strings(merged.path("script")));
        return commands;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
