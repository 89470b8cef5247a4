package io.mcpmanager.kit.error;

import org.springframework.http.HttpStatus;

/** 404 for an object that does not exist or belongs to someone else: the two look the same. */
public class NotFoundException extends ApiException {

  protected NotFoundException(String what, Object id) {
    super(
        HttpStatus.NOT_FOUND,
        ProblemTypes.NOT_FOUND,
        "Not found",
        what + " " + id + " was not found");
  }

  public static NotFoundException of(String what, Object id) {
    return new NotFoundException(what, id);
  }
}
