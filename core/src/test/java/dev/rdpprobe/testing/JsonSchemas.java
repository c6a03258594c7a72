package dev.rdpprobe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks JSON documents against the JSON Schemas the library ships ({@code
 * dev/rdpprobe/report/schemas/KIND.schema.json}) with an independent, maintained validator: the
 * document's {@code document} member names its schema. Formats ({@code date-time}, {@code ipv4})
 * are asserted, not only annotated.
 */
public final class JsonSchemas {
  /** The schemas' {@code $id} prefix; the files are read from the class path. */
  public static final String ID_PREFIX = "https://github.com/rdp-probe/rdp-probe/schemas/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaRegistryConfig(
                      SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                  .schemaIdResolvers(
                      r -> r.mapPrefix(ID_PREFIX, "classpath:dev/rdpprobe/report/schemas/")));
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private JsonSchemas() {}

  /** The schema of a document kind ({@code probe}, {@code doctor}, {@code explain}, ...). */
  public static Schema of(String kind) {
    return SCHEMAS.computeIfAbsent(
        kind, k -> REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + k + ".schema.json")));
  }

  /** What is wrong with {@code json} against its kind's schema; empty when it is valid. */
  public static List<String> problems(String json) {
    JsonNode doc;
    try {
      doc = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
    JsonNode kind = doc.get("document");
    if (kind == null || !kind.isTextual()) {
      return List.of("no \"document\" member naming the kind");
    }
    return of(kind.asText()).validate(doc).stream().map(Error::toString).toList();
  }

  /** Fails, listing the problems, unless {@code json} is valid against its kind's schema. */
  public static void assertValid(String json) {
    List<String> problems = problems(json);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the document does not match its JSON Schema:\n  "
              + String.join("\n  ", problems)
              + "\n"
              + (json.length() > 4000 ? json.substring(0, 4000) + "..." : json));
    }
  }
}
