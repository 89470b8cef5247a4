package io.mcpmanager.kit.error;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem details with the request's trace id, for the advice and the security handlers. */
public class ProblemResponses {

  private final ObjectProvider<Tracer> tracer;

  public ProblemResponses(ObjectProvider<Tracer> tracer) {
    this.tracer = tracer;
  }

  /**
   * A request Spring Security's firewall refused (a control character in a parameter name, an
   * encoded slash, ...): the one answer, whether the firewall refused it in the filter chain or
   * while the handler first read the parameters. Never echoes the request.
   */
  public ProblemDetail rejectedRequest() {
    return problem(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.MALFORMED_REQUEST,
        "Malformed request",
        "The request's path, a parameter or a header holds a character that is not allowed");
  }

  public ProblemDetail problem(HttpStatusCode status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    withTraceId(problem);
    return problem;
  }

  public ProblemDetail withTraceId(ProblemDetail problem) {
    Tracer t = tracer.getIfAvailable();
    Span span = t == null ? null : t.currentSpan();
    if (span != null) {
      problem.setProperty("trace_id", span.context().traceId());
    }
    return problem;
  }
}
