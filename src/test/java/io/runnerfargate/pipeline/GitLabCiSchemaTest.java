package io.runnerfargate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * .gitlab-ci.yml against GitLab's own JSON schema (the pipeline editor's, draft-07). The schema is
 * GitLab's, not the project's: it is read from the shared reference folder beside the project and
 * the test is skipped when the project is checked out on its own.
 */
class GitLabCiSchemaTest {
    static final Path SCHEMA = Path.of("..", "shared", "reference", "gitlab-ci", "ci-schema.json");

    Schema schema;
    JsonNode pipeline;

    /** Per test, so that each one reports itself skipped, with the reason, when the schema is absent. */
    @BeforeEach
    void load() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SCHEMA),
                "GitLab's CI schema is not at " + SCHEMA.toAbsolutePath().normalize() + "; schema check skipped");
        JsonNode schemaJson = new ObjectMapper().readTree(SCHEMA.toFile());
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaJson);
        pipeline = new ObjectMapper(new YAMLFactory()).readTree(Path.of(".gitlab-ci.yml").toFile());
    }

    @Test
    void thePipelineIsValid() {
        List<Error> errors = schema.validate(pipeline);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    @Test
    void theSchemaCatchesAMistake() {
        ObjectNode broken = pipeline.deepCopy();
        ((ObjectNode) broken.get("deploy:prod")).put("when", "sometimes");
        assertFalse(schema.validate(broken).isEmpty());

        ObjectNode misspelt = pipeline.deepCopy();
        ((ObjectNode) misspelt.get("test")).putArray("scripts").add("mvn -B test");
        ((ObjectNode) misspelt.get("test")).remove("script");
        assertFalse(schema.validate(misspelt).isEmpty());
    }
}
