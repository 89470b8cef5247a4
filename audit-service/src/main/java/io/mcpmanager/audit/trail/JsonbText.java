package io.mcpmanager.audit.trail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes JSON the way PostgreSQL's jsonb text output does, so that the canonical form can be
 * computed without the database: {@code ", "} and {@code ": "} separators, object keys ordered by
 * UTF-8 length and then bytewise (the jsonb key order), strings escaped like {@code escape_json}
 * (only {@code " \ \b \f \n \r \t} and other control characters as lower-case {@code \\u00xx};
 * everything else as is). Numbers are kept as the tokens they were read as.
 */
final class JsonbText {

  private static final Comparator<String> JSONB_KEY_ORDER =
      Comparator.comparingInt((String key) -> utf8(key).length)
          .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));

  private final String json;
  private int pos;

  private JsonbText(String json) {
    this.json = json;
  }

  /** Re-writes a JSON document in jsonb text form. */
  static String of(String json) {
    JsonbText reader = new JsonbText(json);
    StringBuilder out = new StringBuilder(json.length());
    reader.value(out);
    reader.skipWhitespace();
    if (reader.pos != json.length()) {
      throw reader.error("trailing characters");
    }
    return out.toString();
  }

  /** A JSON string literal as jsonb writes it. */
  static void appendString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < ' ') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private void value(StringBuilder out) {
    skipWhitespace();
    if (pos >= json.length()) {
      throw error("unexpected end");
    }
    char c = json.charAt(pos);
    switch (c) {
      case '{' -> object(out);
      case '[' -> array(out);
      case '"' -> appendString(out, string());
      default -> out.append(literal());
    }
  }

  private void object(StringBuilder out) {
    pos++;
    List<String[]> members = new ArrayList<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
    } else {
      do {
        skipWhitespace();
        String key = string();
        skipWhitespace();
        expect(':');
        StringBuilder value = new StringBuilder();
        value(value);
        members.removeIf(m -> m[0].equals(key)); // jsonb keeps the last of duplicate keys
        members.add(new String[] {key, value.toString()});
        skipWhitespace();
      } while (next() == ',');
      pos--;
      expect('}');
    }
    members.sort(Comparator.comparing((String[] m) -> m[0], JSONB_KEY_ORDER));
    out.append('{');
    for (int i = 0; i < members.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      appendString(out, members.get(i)[0]);
      out.append(": ").append(members.get(i)[1]);
    }
    out.append('}');
  }

  private void array(StringBuilder out) {
    pos++;
    out.append('[');
    skipWhitespace();
    if (peek() == ']') {
      pos++;
    } else {
      boolean first = true;
      do {
        if (!first) {
          out.append(", ");
        }
        first = false;
        value(out);
        skipWhitespace();
      } while (next() == ',');
      pos--;
      expect(']');
    }
    out.append(']');
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char escaped = next();
      switch (escaped) {
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          if (pos + 4 > json.length()) {
            throw error("short unicode escape");
          }
          s.append((char) Integer.parseInt(json.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> s.append(escaped);
      }
    }
  }

  /** A number, true, false or null: kept as written. */
  private String literal() {
    int start = pos;
    while (pos < json.length() && ",]} \t\r\n".indexOf(json.charAt(pos)) < 0) {
      pos++;
    }
    if (start == pos) {
      throw error("value expected");
    }
    return json.substring(start, pos);
  }

  private void skipWhitespace() {
    while (pos < json.length() && " \t\r\n".indexOf(json.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    return pos < json.length() ? json.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= json.length()) {
      throw error("unexpected end");
    }
    return json.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("'" + c + "' expected");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not JSON at offset " + pos + ": " + what);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
