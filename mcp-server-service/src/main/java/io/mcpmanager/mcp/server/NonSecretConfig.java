package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** {@code config} is stored in plain JSON, so a key that names a secret is refused. */
public final class NonSecretConfig {

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(secret|password|passwd|token|api[_-]?key|private[_-]?key|credential|authorization).*");

  private NonSecretConfig() {}

  public static Map<String, Object> check(@Nullable Map<String, Object> config) {
    if (config == null) {
      return Map.of();
    }
    checkKeys(config);
    return config;
  }

  private static void checkKeys(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (SECRET_NAME.matcher(String.valueOf(entry.getKey())).matches()) {
          throw new ApiException(
              HttpStatus.BAD_REQUEST,
              ProblemTypes.of("secret-in-config"),
              "Secret in config",
              "config must not hold secrets; '"
                  + entry.getKey()
                  + "' looks like one (credentials come from integrations)",
              Map.of("field", "config." + entry.getKey()));
        }
        checkKeys(entry.getValue());
      }
    } else if (value instanceof Collection<?> items) {
      items.forEach(NonSecretConfig::checkKeys);
    }
  }
}
