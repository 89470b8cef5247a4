package io.mcpmanager.git.oauth;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The return URL is not on the allow-list. */
public class InvalidReturnUrlException extends ApiException {

  private InvalidReturnUrlException() {
    super(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.of("git-return-url-not-allowed"),
        "Return URL not allowed",
        "return_url must start with one of the configured frontend URLs");
  }

  public static InvalidReturnUrlException notAllowed() {
    return new InvalidReturnUrlException();
  }
}
