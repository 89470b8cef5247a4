package io.mcpmanager.kit.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/** What a client gets back when its request is wrong: problem+json that names the problem. */
@ServiceTest
class ProblemHandlingTests {

  private static final TestJwtIssuer issuer = TestJwtIssuer.shared();

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  private ResultActions postNote(String body, String token) throws Exception {
    return mvc.perform(
        post("/api/notes")
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Nested
  class BadInput {

    @Test
    void shouldAnswerMalformedJsonWith400NamingIt() throws Exception {
      postNote("{\"secret_value\": ", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", containsString("application/problem+json")))
          .andExpect(jsonPath("$.type").value(ProblemTypes.MALFORMED_REQUEST.toString()))
          .andExpect(jsonPath("$.detail").value("The request body is not valid JSON"));
    }

    @Test
    void shouldAnswerAnUnknownFieldWith400NamingTheField() throws Exception {
      postNote("{\"secret_value\":\"x\",\"colour\":\"red\"}", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.detail").value("Unknown field 'colour'"));
    }

    @Test
    void shouldNotEchoATokenPastedAsAFieldName() throws Exception {
      String pasted = "ntn_" + java.util.UUID.randomUUID().toString().replace("-", "");
      postNote("{\"secret_value\":\"x\",\"" + pasted + "\":1}", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.detail").value("The request body has an unknown field"));
    }

    @Test
    void shouldAnswerAMissingRequiredFieldWithTheFieldError() throws Exception {
      postNote("{\"priority\": 3}", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION_FAILED.toString()))
          .andExpect(jsonPath("$.errors[0].field").value("secret_value"));
    }

    @Test
    void shouldAnswerAWrongTypeWith400NamingTheField() throws Exception {
      postNote("{\"secret_value\":\"x\",\"priority\":\"high\"}", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.detail").value("Field 'priority' has a wrong type or format"));
    }

    @Test
    void shouldRefuseANumberOrBooleanWhereAStringIsExpected() throws Exception {
      for (String value : new String[] {"0", "12.5", "true"}) {
        postNote("{\"secret_value\":" + value + "}", issuer.userToken("alice"))
            .andExpect(status().isBadRequest())
            .andExpect(
                jsonPath("$.detail").value("Field 'secret_value' has a wrong type or format"));
      }
    }

    @Test
    void shouldReadJsonOnlyWithinTheDepthLimit() {
      // Typed request bodies never descend into a structure they do not expect; the limit guards
      // every reader of the service's mapper (a tree, a map, a provider's answer).
      assertThat(json.readTree("[".repeat(64) + "]".repeat(64)).isArray()).isTrue();
      assertThatThrownBy(() -> json.readTree("[".repeat(65) + "]".repeat(65)))
          .isInstanceOf(StreamConstraintsException.class)
          .hasMessageContaining("nesting depth (65) exceeds the maximum allowed (64");
    }

    @Test
    void shouldRefuseAnOverlongStringWith400WithoutEchoingIt() throws Exception {
      String huge = "ntn_" + "a".repeat(300_000);
      postNote("{\"secret_value\":\"" + huge + "\"}", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.detail", containsString("String value length")))
          .andExpect(jsonPath("$.detail", containsString("262144")))
          .andExpect(jsonPath("$.detail", not(containsString("aaaa"))));
    }

    @Test
    void shouldAnswerAParameterNameTheFirewallRefusesWith400Problem(@Autowired Environment env)
        throws Exception {
      // A control character in a parameter name: Spring Security's firewall refuses it (was a 500).
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + env.getProperty("local.server.port")
                                  + "/api/notes/search?colour%13=red"))
                      .header("Authorization", "Bearer " + issuer.userToken("alice"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(json.readTree(response.body()).path("type").asString())
          .isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
    }

    @Test
    void shouldAnswerAPathTheFirewallRefusesWithProblemJsonOverRealHttp(@Autowired Environment env)
        throws Exception {
      var http = HttpClient.newHttpClient();
      var request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + env.getProperty("local.server.port")
                          + "/api/notes/%25"))
              .header("Authorization", "Bearer " + issuer.userToken("alice"))
              .build();

      var response = http.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(json.readTree(response.body()).path("type").asString())
          .isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
    }

    @Test
    void shouldAnswerAMalformedIdWith400() throws Exception {
      mvc.perform(
              get("/api/notes/not-a-uuid")
                  .header("Authorization", "Bearer " + issuer.userToken("a")))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.detail").value("Parameter 'id' has an invalid value"));
    }

    @Test
    void shouldNotEchoTheSecretOfARejectedRequest() throws Exception {
      String canary = "canary-" + java.util.UUID.randomUUID();
      postNote("{\"secret_value\":\"" + canary + "\",\"oops\":1}", issuer.userToken("alice"))
          .andExpect(status().isBadRequest())
          .andExpect(
              org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                  .string(not(containsString(canary))));
    }
  }

  @Nested
  class Authentication {

    @Test
    void shouldAnswerAMissingTokenWith401Problem() throws Exception {
      mvc.perform(post("/api/notes").contentType(MediaType.APPLICATION_JSON).content("{}"))
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
          .andExpect(jsonPath("$.type").value(ProblemTypes.UNAUTHORIZED.toString()));
    }

    @Test
    void shouldRejectAnExpiredToken() throws Exception {
      String expired = issuer.token("alice", List.of("USER"), List.of(), Duration.ofMinutes(-5));
      postNote("{\"secret_value\":\"x\"}", expired).andExpect(status().isUnauthorized());
    }
  }

  @Nested
  class Ownership {

    @Test
    void shouldAnswer404ForAnotherUsersObjectAndLetAnAdminSeeIt() throws Exception {
      String body =
          postNote("{\"secret_value\":\"x\"}", issuer.userToken("alice"))
              .andExpect(status().isCreated())
              .andReturn()
              .getResponse()
              .getContentAsString();
      String id = json.readTree(body).get("id").asString();

      mvc.perform(
              get("/api/notes/" + id).header("Authorization", "Bearer " + issuer.userToken("bob")))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.type").value(ProblemTypes.NOT_FOUND.toString()));
      mvc.perform(
              get("/api/notes/" + id)
                  .header("Authorization", "Bearer " + issuer.adminToken("root")))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.owner_id").value("alice"));
    }
  }
}
