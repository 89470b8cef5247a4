package io.mcpmanager.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvFieldTests {

  @Test
  void shouldQuoteFieldsWithSeparatorsQuotesOrLineBreaks() {
    assertThat(AuditExporter.csvField("plain")).isEqualTo("plain");
    assertThat(AuditExporter.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditExporter.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AuditExporter.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(AuditExporter.csvField(null)).isEmpty();
  }

  @Test
  void shouldDefuseSpreadsheetFormulas() {
    assertThat(AuditExporter.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditExporter.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(AuditExporter.csvField("+1")).isEqualTo("'+1");
  }
}
