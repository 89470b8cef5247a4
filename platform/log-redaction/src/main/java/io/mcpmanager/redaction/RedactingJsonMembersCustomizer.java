package io.mcpmanager.redaction;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Applies {@link SecretRedactor} to every string written by Boot's structured (JSON) logging, which
 * covers messages, exception text and stack traces. Enabled through {@code
 * logging.structured.json.customizer}.
 */
public class RedactingJsonMembersCustomizer
    implements StructuredLoggingJsonMembersCustomizer<Object> {

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(
        JsonWriter.ValueProcessor.of(
            String.class, text -> text == null ? null : SecretRedactor.redact(text)));
  }
}
