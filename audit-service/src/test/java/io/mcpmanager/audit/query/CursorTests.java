package io.mcpmanager.audit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTests {

  @Test
  void shouldRoundTripASeqThroughAnOpaqueCursor() {
    String cursor = Cursor.after(12_345);

    assertThat(cursor).doesNotContain("12345");
    assertThat(Cursor.seqOf(cursor)).isEqualTo(12_345);
    assertThat(Cursor.seqOf(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "%%%", "djE6MA", "djE6LTE", "djI6NQ", "djE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ"})
  void shouldRejectCursorsItDidNotIssue(String cursor) {
    assertThatThrownBy(() -> Cursor.seqOf(cursor))
        .isInstanceOf(InvalidAuditQueryException.class)
        .hasMessage("cursor: is not a cursor returned by this API");
  }
}
