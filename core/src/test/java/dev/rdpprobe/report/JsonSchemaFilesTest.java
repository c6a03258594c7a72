package dev.rdpprobe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testing.JsonSchemas;
import dev.rdpprobe.trace.CloseKind;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON Schemas ship beside the report classes and keep up with the model's enumerations. */
class JsonSchemaFilesTest {
  private static JsonNode read(String resource) throws Exception {
    try (InputStream in = ReportDocument.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is a resource of the library");
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void everyKindHasItsSchemaWithItsIdAndVersion() throws Exception {
    for (String kind :
        List.of("probe", "doctor", "explain", "served", "capture", "scanSummary", "replay")) {
      JsonNode schema = read("schemas/" + kind + ".schema.json");
      assertEquals(JsonSchemas.ID_PREFIX + kind + ".schema.json", schema.get("$id").asText());
      assertEquals(
          kind, schema.get("properties").get("document").get("const").asText(), "its kind");
      assertNotNull(JsonSchemas.of(kind), "the validator reads it");
    }
    assertEquals(
        ReportDocument.SCHEMA_VERSION,
        read("schemas/probe.schema.json")
            .get("properties")
            .get("schemaVersion")
            .get("const")
            .asInt());
  }

  @Test
  void theCloseKindsAreTheModels() throws Exception {
    List<String> inSchema = new ArrayList<>();
    read("schemas/probe.schema.json")
        .get("$defs")
        .get("closeKind")
        .get("enum")
        .forEach(n -> inSchema.add(n.asText()));
    assertEquals(Arrays.stream(CloseKind.values()).map(Enum::name).toList(), inSchema);
  }
}
