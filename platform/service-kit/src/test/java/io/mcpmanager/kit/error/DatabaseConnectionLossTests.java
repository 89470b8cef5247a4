package io.mcpmanager.kit.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.jpa.JpaSystemException;

/**
 * PostgreSQL stopping in the middle of a transaction surfaces as exceptions Spring does not
 * classify as a resource failure; they are still "the database is down": 503 with Retry-After, not
 * 500.
 */
class DatabaseConnectionLossTests {

  private final ProblemHandler handler =
      new ProblemHandler(
          new ProblemResponses(new StaticListableBeanFactory().getBeanProvider(Tracer.class)));

  @Test
  void shouldAnswer503WhenTheConnectionClosedUnderTheRollback() {
    // Seen with PostgreSQL stopped mid-request: Hikari had evicted the broken connection, so the
    // rollback met its closed-connection proxy (an SQLException without SQLState).
    JpaSystemException rollbackFailed =
        new JpaSystemException(
            new RuntimeException(
                "Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")));
    assertUnavailable(handler.handleUnexpected(rollbackFailed));

    // The driver's own error for a connection that is gone: SQLState 08003.
    assertUnavailable(
        handler.handleUnexpected(
            new JpaSystemException(
                new RuntimeException(
                    new SQLException("This connection has been closed.", "08003")))));
  }

  @Test
  void shouldAnswer503WhenTheServerShutsDownOrIsStillStarting() {
    assertUnavailable(
        handler.handleUnexpected(
            new IllegalStateException(
                new SQLException("terminating connection due to administrator command", "57P01"))));
    assertUnavailable(
        handler.handleUnexpected(
            new IllegalStateException(
                new SQLException("the database system is starting up", "57P03"))));
  }

  @Test
  void shouldStillAnswer500ForOtherSqlErrors() {
    ResponseEntity<ProblemDetail> answer =
        handler.handleUnexpected(
            new IllegalStateException(
                new SQLException("syntax error at or near \"FROM\"", "42601")));

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
    assertThat(answer.getBody().getDetail()).doesNotContain("syntax");
  }

  private static void assertUnavailable(ResponseEntity<ProblemDetail> answer) {
    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo(ProblemHandler.RETRY_AFTER_SECONDS);
    assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
  }
}
