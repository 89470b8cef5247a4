package io.mcpmanager.kit.security;

import io.mcpmanager.kit.error.ProblemResponses;
import io.mcpmanager.kit.error.ProblemTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, with the bearer challenge the RFC asks for. */
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

  private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }
}
