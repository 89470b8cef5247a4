package io.mcpmanager.kit.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for what it refuses before any servlet runs (an encoded NUL, slash or dot
 * segment in the path, a control character in the request line): RFC 9457 problem+json with the
 * headers every other answer carries, instead of Tomcat's HTML page. Everything that reaches Spring
 * is answered by {@link ProblemErrorController} and never gets here.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, @Nullable Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !ioAllowed(response)) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String type = status == 400 ? ProblemTypes.MALFORMED_REQUEST.toString() : "about:blank";
    String detail =
        status == 400
            ? "The request could not be parsed: its path or request line holds characters the"
                + " server refuses (an encoded NUL, slash or dot segment, or a control character)."
            : title + ".";
    String body =
        "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
            .formatted(type, title, status, detail);
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "no-store");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response already committed: nothing more to say.
    }
  }

  private static boolean ioAllowed(Response response) {
    AtomicBoolean allowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
    return allowed.get();
  }
}
