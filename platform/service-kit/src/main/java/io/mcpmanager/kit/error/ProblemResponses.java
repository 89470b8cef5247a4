package io.mcpmanager.kit.error;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem details with the request's trace id, for the advice and the security handlers. */
public class ProblemResponses {

  private final ObjectProvider<Tracer> tracer;

  public ProblemResponses(ObjectProvider<Tracer> tracer) {
    this.tracer = tracer;
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
