package io.mcpmanager.integration.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A provider stand-in: the documented identity request (stubbed so that only a correctly shaped
 * request matches) and response bodies shaped like the provider's documentation.
 */
public record ProviderFixture(
    String name,
    ProviderValidator validator,
    Map<String, String> meta,
    Supplier<MappingBuilder> request,
    ResponseDefinitionBuilder valid,
    ResponseDefinitionBuilder invalid,
    ResponseDefinitionBuilder insufficientScope,
    ResponseDefinitionBuilder rateLimited,
    ResponseDefinitionBuilder unavailable) {

  public static final String TOKEN = "tok_live_0123456789abcdefWXYZ";

  @Override
  public String toString() {
    return name;
  }

  public static List<ProviderFixture> all() {
    return List.of(notion(), openAi(), todoist(), jira(), sentry(), gmail(), calendar());
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static ResponseDefinitionBuilder text(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/plain").withBody(body);
  }

  static ResponseDefinitionBuilder limited(ResponseDefinitionBuilder response) {
    return response.withHeader("Retry-After", "17");
  }

  public static ProviderFixture notion() {
    return new ProviderFixture(
        "notion",
        new NotionValidator(),
        Map.of(),
        () ->
            get(urlEqualTo("/v1/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Notion-Version", equalTo(NotionValidator.NOTION_VERSION)),
        json(
            200,
            """
            {"object":"user","id":"92a680bb-6970-4726-952b-4f4c03bff617","name":"MCP Manager","avatar_url":null,
             "type":"bot","bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Acme"}}"""),
        json(
            401,
            """
            {"object":"error","status":401,"code":"unauthorized","message":"API token is invalid.",
             "request_id":"8f5c3c1e-1d1b-4a8e-9a4b-2f1b7c0f6e11"}"""),
        json(
            403,
            """
            {"object":"error","status":403,"code":"restricted_resource",
             "message":"Insufficient permissions for this endpoint."}"""),
        limited(
            json(
                429,
                """
            {"object":"error","status":429,"code":"rate_limited",
             "message":"You have been rate limited. Please try again in a few minutes."}""")),
        json(
            503,
            """
            {"object":"error","status":503,"code":"service_unavailable",
             "message":"Notion is unavailable, please try again later."}"""));
  }

  public static ProviderFixture openAi() {
    return new ProviderFixture(
        "openai",
        new OpenAiValidator(),
        Map.of(),
        () -> get(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + TOKEN)),
        json(
            200,
            """
            {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]}"""),
        json(
            401,
            """
            {"error":{"message":"Incorrect API key provided: tok_live****WXYZ. You can find your API key at
             https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,
             "code":"invalid_api_key"}}"""),
        json(
            403,
            """
            {"error":{"message":"You have insufficient permissions for this operation. Missing scopes: api.model.read.",
             "type":"invalid_request_error","param":null,"code":null}}"""),
        limited(
            json(
                429,
                """
            {"error":{"message":"Rate limit reached for requests","type":"requests","param":null,
             "code":"rate_limit_exceeded"}}""")),
        json(
            503,
            """
            {"error":{"message":"The server is overloaded or not ready yet.","type":"server_error","param":null,
             "code":null}}"""));
  }

  public static ProviderFixture todoist() {
    return new ProviderFixture(
        "todoist",
        new TodoistValidator(),
        Map.of(),
        () ->
            get(urlEqualTo("/rest/v2/projects"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)),
        json(
            200,
            """
            [{"id":"220474322","name":"Inbox","comment_count":10,"order":0,"color":"grey","is_shared":false,
              "is_favorite":false,"is_inbox_project":true,"is_team_inbox":false,"view_style":"list",
              "url":"https://todoist.com/showProject?id=220474322","parent_id":null}]"""),
        text(401, "Unauthorized"),
        text(403, "Forbidden"),
        limited(text(429, "Too Many Requests")),
        text(503, "Service Unavailable"));
  }

  public static ProviderFixture jira() {
    String basic =
        Base64.getEncoder()
            .encodeToString(("mia@example.com:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    return new ProviderFixture(
        "jira",
        new JiraValidator(),
        Map.of("site_url", "https://acme.atlassian.net", "email", "mia@example.com"),
        () ->
            get(urlEqualTo("/rest/api/3/myself"))
                .withHeader("Authorization", equalTo("Basic " + basic)),
        json(
            200,
            """
            {"self":"https://acme.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
             "accountId":"5b10a2844c20165700ede21g","accountType":"atlassian","emailAddress":"mia@example.com",
             "displayName":"Mia Krystof","active":true,"timeZone":"Australia/Sydney","locale":"en_US"}"""),
        json(
            401,
            """
            {"errorMessages":["Client must be authenticated to access this resource."],"errors":{}}"""),
        json(
            403,
            """
            {"errorMessages":["You do not have the permission to see the specified user."],"errors":{}}"""),
        limited(
            json(
                429,
                """
            {"errorMessages":["Rate limit exceeded."],"errors":{}}""")),
        json(
            503,
            """
            {"errorMessages":["Service unavailable"],"errors":{}}"""));
  }

  public static ProviderFixture sentry() {
    return new ProviderFixture(
        "sentry",
        new SentryValidator(),
        Map.of("organization", "acme"),
        () ->
            get(urlEqualTo("/api/0/organizations/acme/"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)),
        json(
            200,
            """
            {"id":"2","slug":"acme","name":"Acme","dateCreated":"2018-11-06T21:19:55.101Z",
             "status":{"id":"active","name":"active"},"isEarlyAdopter":false,"require2FA":false,
             "features":["discover-basic","performance-view"]}"""),
        json(
            401,
            """
            {"detail":"Invalid token"}"""),
        json(
            403,
            """
            {"detail":"You do not have permission to perform this action."}"""),
        limited(
            json(
                429,
                """
            {"detail":"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"}""")),
        json(
            503,
            """
            {"detail":"Service unavailable"}"""));
  }

  public static ProviderFixture gmail() {
    return google("gmail", new GmailValidator(), "https://www.googleapis.com/auth/gmail.readonly");
  }

  public static ProviderFixture calendar() {
    return google(
        "calendar", new CalendarValidator(), "https://www.googleapis.com/auth/calendar.readonly");
  }

  static ProviderFixture google(String name, ProviderValidator validator, String scope) {
    return new ProviderFixture(
        name,
        validator,
        Map.of(),
        () ->
            post(urlEqualTo("/oauth2/v3/tokeninfo"))
                .withHeader(
                    "Content-Type",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "application/x-www-form-urlencoded"))
                .withFormParam("access_token", equalTo(TOKEN)),
        json(200, tokenInfo(scope + " openid https://www.googleapis.com/auth/userinfo.email")),
        json(
            400,
            """
            {"error":"invalid_token","error_description":"Invalid Value"}"""),
        json(200, tokenInfo("openid https://www.googleapis.com/auth/userinfo.email")),
        limited(
            json(
                429,
                """
            {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}""")),
        json(
            503,
            """
            {"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}"""));
  }

  static String tokenInfo(String scope) {
    return """
        {"azp":"1234.apps.googleusercontent.com","aud":"1234.apps.googleusercontent.com",
         "sub":"110169484474386276334","scope":"%s","exp":"1764070000","expires_in":"3599",
         "email":"mia@example.com","email_verified":"true","access_type":"offline"}"""
        .formatted(scope);
  }
}
