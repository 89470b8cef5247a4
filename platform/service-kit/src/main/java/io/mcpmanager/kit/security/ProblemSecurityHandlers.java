package io.mcpmanager.kit.security;

import io.mcpmanager.kit.error.ProblemResponses;
import io.mcpmanager.kit.error.ProblemTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, with the bearer challenges of RFC 6750 and RFC 9470. */
public class ProblemSecurityHandlers {

  private final ProblemResponses problems;
  private final JsonMapper json;

  public ProblemSecurityHandlers(ProblemResponses problems, JsonMapper json) {
    this.problems = problems;
    this.json = json;
  }

  public AuthenticationEntryPoint entryPoint() {
    return (request, response, ex) -> {
      response.setHeader("WWW-Authenticate", "Bearer");
      write(
          response,
          problems.problem(
              HttpStatus.UNAUTHORIZED,
              ProblemTypes.UNAUTHORIZED,
              "Unauthorized",
              "A valid bearer token is required"));
    };
  }

  public AccessDeniedHandler accessDeniedHandler() {
    return (request, response, ex) ->
        write(
            response,
            problems.problem(
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                "The token does not grant this operation"));
  }

  /**
   * A request Spring Security's firewall refuses (a control character in a parameter name, an
   * encoded slash, ...): 400 problem+json, never the request's content, not a 500 from the
   * container.
   */
  public RequestRejectedHandler requestRejectedHandler() {
    return (request, response, ex) -> {
      // Refused before the chain's header writers ran: the headers every answer carries.
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "no-store");
      write(response, problems.rejectedRequest());
    };
  }

  /**
   * RFC 9470's step-up challenge: 401 with {@code error="insufficient_user_authentication"} and
   * {@code max_age} in seconds (quoted, as in the RFC's example), the detail in {@code
   * error_description} and a problem+json body.
   */
  public void stepUpRequired(HttpServletResponse response, String description, Duration maxAge)
      throws IOException {
    response.setHeader(
        "WWW-Authenticate",
        "Bearer error=\"insufficient_user_authentication\", error_description=\""
            + description
            + "\", max_age=\""
            + maxAge.toSeconds()
            + "\"");
    ProblemDetail problem =
        problems.problem(
            HttpStatus.UNAUTHORIZED,
            ProblemTypes.INSUFFICIENT_USER_AUTHENTICATION,
            "Recent second factor required",
            description);
    problem.setProperty("max_age", maxAge.toSeconds());
    write(response, problem);
  }

  private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }
}
