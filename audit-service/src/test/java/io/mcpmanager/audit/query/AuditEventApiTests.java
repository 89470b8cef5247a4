package io.mcpmanager.audit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.audit.trail.AuditTrail;
import io.mcpmanager.audit.trail.NewEntry;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The query API: who sees what, pagination, filters, export, stats. */
@ServiceTest
class AuditEventApiTests {

  private static final TestJwtIssuer JWT = TestJwtIssuer.shared();

  @Autowired MockMvc mvc;
  @Autowired AuditTrail trail;

  private final String alice = AuditEventMother.newUser("alice");
  private final String bob = AuditEventMother.newUser("bob");
  private final String admin = AuditEventMother.newUser("admin");

  /** Only tokens naming audit-service: another service's token is refused before any scope. */
  @Test
  void shouldRefuseATokenNamingAnotherServiceAndServiceTokensOnTheApi() throws Exception {
    mvc.perform(
            get("/api/audit/events")
                .header(
                    "Authorization",
                    "Bearer "
                        + JWT.serviceTokenFor(
                            "integration-service", "mcp-server-service", "integrations.broker")))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            get("/api/audit/events")
                .header(
                    "Authorization",
                    "Bearer " + JWT.serviceTokenFor("audit-service", "integration-service")))
        .andExpect(status().isForbidden());
  }

  @Nested
  class Events {

    @Test
    void shouldNeverShowUserBAnEventAboutUserAsObjects() throws Exception {
      NewEntry own = AuditEventMother.entry(alice);
      NewEntry byAdmin =
          AuditEventMother.entry(alice, admin, EventTypes.INTEGRATION_REVOKED, "success");
      NewEntry bobs = AuditEventMother.entry(bob);
      trail.append(List.of(own, byAdmin, bobs));

      call(get("/api/audit/events"), JWT.userToken(bob))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.items[*].owner_id", everyItem(is(bob))))
          .andExpect(jsonPath("$.items[*].event_id").value(hasItem(bobs.eventId().toString())));
      call(get("/api/audit/events").param("owner", alice), JWT.userToken(bob))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.items", hasSize(0)));
      call(get("/api/audit/events").param("entity_id", own.entityId()), JWT.userToken(bob))
          .andExpect(jsonPath("$.items", hasSize(0)));
    }

    @Test
    void shouldShowAnAdminEveryonesEventsWithActorAndOwner() throws Exception {
      NewEntry byAdmin =
          AuditEventMother.entry(alice, admin, EventTypes.INTEGRATION_REVOKED, "success");
      NewEntry bobs = AuditEventMother.entry(bob);
      trail.append(List.of(byAdmin, bobs));

      call(get("/api/audit/events").param("owner", alice), JWT.adminToken(admin))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.items", hasSize(1)))
          .andExpect(jsonPath("$.items[0].owner_id").value(alice))
          .andExpect(jsonPath("$.items[0].actor.id").value(admin))
          .andExpect(jsonPath("$.items[0].actor.kind").value("USER"))
          .andExpect(jsonPath("$.items[0].actor.ip").value("198.51.100.4"))
          .andExpect(jsonPath("$.items[0].changes.status.after").value("revoked"))
          .andExpect(jsonPath("$.items[0].hash").isString());
      call(get("/api/audit/events").param("actor", admin), JWT.adminToken(admin))
          .andExpect(jsonPath("$.items[0].event_id").value(byAdmin.eventId().toString()));
      call(get("/api/audit/events").param("owner", bob), JWT.adminToken(admin))
          .andExpect(jsonPath("$.items[0].event_id").value(bobs.eventId().toString()));
    }

    @Test
    void shouldAnswer404ForAnotherUsersEvent() throws Exception {
      NewEntry alices = AuditEventMother.entry(alice);
      trail.append(List.of(alices));

      call(get("/api/audit/events/{id}", alices.eventId()), JWT.userToken(bob))
          .andExpect(status().isNotFound())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
      call(get("/api/audit/events/{id}", alices.eventId()), JWT.userToken(alice))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.owner_id").value(alice));
      call(get("/api/audit/events/{id}", alices.eventId()), JWT.adminToken(admin))
          .andExpect(status().isOk());
      call(get("/api/audit/events/{id}", UUID.randomUUID()), JWT.adminToken(admin))
          .andExpect(status().isNotFound());
    }

    @Test
    void shouldFilterByTypeOutcomeEntityAndTime() throws Exception {
      NewEntry failed =
          AuditEventMother.entry(alice, alice, EventTypes.INTEGRATION_VALIDATION_FAILED, "failure");
      NewEntry ok = AuditEventMother.entry(alice);
      trail.append(List.of(failed, ok));
      String token = JWT.userToken(alice);

      call(get("/api/audit/events").param("outcome", "failure"), token)
          .andExpect(jsonPath("$.items[*].event_id").value(contains(failed.eventId().toString())));
      call(get("/api/audit/events").param("type", EventTypes.INTEGRATION_UPDATED), token)
          .andExpect(jsonPath("$.items[*].event_id").value(contains(ok.eventId().toString())));
      call(
              get("/api/audit/events")
                  .param("entity_type", "integration")
                  .param("entity_id", ok.entityId()),
              token)
          .andExpect(jsonPath("$.items[*].event_id").value(contains(ok.eventId().toString())));
      call(
              get("/api/audit/events").param("to", ok.occurredAt().minusSeconds(3600).toString()),
              token)
          .andExpect(jsonPath("$.items", hasSize(0)));
      call(
              get("/api/audit/events")
                  .param("from", ok.occurredAt().minusSeconds(60).toString())
                  .param("to", Instant.now().plusSeconds(60).toString()),
              token)
          .andExpect(jsonPath("$.items", hasSize(2)));
    }

    @Test
    void shouldPageNewestFirstWithAStableCursorWhileEventsArrive() throws Exception {
      List<NewEntry> entries =
          IntStream.range(0, 7).mapToObj(i -> AuditEventMother.entry(alice)).toList();
      trail.append(entries);
      String token = JWT.userToken(alice);

      List<String> seen = new ArrayList<>();
      MvcResult first =
          call(get("/api/audit/events").param("limit", "3"), token)
              .andExpect(jsonPath("$.items", hasSize(3)))
              .andReturn();
      seen.addAll(ids(first));
      trail.append(List.of(AuditEventMother.entry(alice))); // arrives while paging
      String cursor = JsonPath.read(first.getResponse().getContentAsString(), "$.next_cursor");
      MvcResult second =
          call(get("/api/audit/events").param("limit", "3").param("cursor", cursor), token)
              .andExpect(jsonPath("$.items", hasSize(3)))
              .andReturn();
      seen.addAll(ids(second));
      cursor = JsonPath.read(second.getResponse().getContentAsString(), "$.next_cursor");
      MvcResult last =
          call(get("/api/audit/events").param("limit", "3").param("cursor", cursor), token)
              .andExpect(jsonPath("$.items", hasSize(1)))
              .andExpect(jsonPath("$.next_cursor").doesNotExist())
              .andReturn();
      seen.addAll(ids(last));

      assertThat(seen)
          .containsExactlyElementsOf(
              entries.reversed().stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void shouldServeFiftyByDefault() throws Exception {
      trail.append(IntStream.range(0, 51).mapToObj(i -> AuditEventMother.entry(alice)).toList());

      call(get("/api/audit/events"), JWT.userToken(alice))
          .andExpect(jsonPath("$.items", hasSize(50)))
          .andExpect(jsonPath("$.next_cursor").isString());
    }

    @Test
    void shouldAnswer400ForBadFilters() throws Exception {
      String token = JWT.userToken(alice);
      badRequest(get("/api/audit/events").param("limit", "-1"), token, "limit");
      badRequest(get("/api/audit/events").param("limit", "501"), token, "limit");
      badRequest(get("/api/audit/events").param("cursor", "bm90LWEtY3Vyc29y"), token, "cursor");
      badRequest(get("/api/audit/events").param("cursor", "%%%"), token, "cursor");
      badRequest(get("/api/audit/events").param("outcome", "maybe"), token, "outcome");
      badRequest(
          get("/api/audit/events")
              .param("from", "2026-02-01T00:00:00Z")
              .param("to", "2026-01-01T00:00:00Z"),
          token,
          "from");
      call(get("/api/audit/events").param("from", "yesterday"), token)
          .andExpect(status().isBadRequest())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private void badRequest(MockHttpServletRequestBuilder request, String token, String field)
        throws Exception {
      call(request, token)
          .andExpect(status().isBadRequest())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.errors[0].field").value(field));
    }
  }

  @Nested
  class Export {

    @Test
    void shouldBeForbiddenToUsers() throws Exception {
      call(get("/api/audit/export"), JWT.userToken(alice))
          .andExpect(status().isForbidden())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void shouldStreamJsonLinesInChainOrder() throws Exception {
      List<NewEntry> entries =
          List.of(AuditEventMother.entry(alice), AuditEventMother.entry(alice));
      trail.append(entries);

      String body = export(get("/api/audit/export").param("owner", alice), "application/jsonl");
      List<String> lines = body.lines().toList();
      assertThat(lines).hasSize(2);
      assertThat((String) JsonPath.read(lines.get(0), "$.event_id"))
          .isEqualTo(entries.get(0).eventId().toString());
      assertThat((String) JsonPath.read(lines.get(1), "$.event_id"))
          .isEqualTo(entries.get(1).eventId().toString());
    }

    @Test
    void shouldStreamCsvWithAHeaderAndQuotedFields() throws Exception {
      NewEntry entry = AuditEventMother.entry(alice);
      trail.append(List.of(entry));

      String body =
          export(get("/api/audit/export").param("owner", alice).param("format", "csv"), "text/csv");
      List<String> lines = body.lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).startsWith("seq,event_id,type,source,occurred_at");
      assertThat(lines.get(1))
          .contains(entry.eventId().toString())
          .contains(alice)
          .contains("\"{\"\"status\"\": {\"\"after\"\": \"\"revoked\"\"");
    }

    @Test
    void shouldAnswer400ForAnUnknownFormat() throws Exception {
      call(get("/api/audit/export").param("format", "xml"), JWT.adminToken(admin))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("format"));
    }

    private String export(MockHttpServletRequestBuilder request, String contentType)
        throws Exception {
      MvcResult started =
          call(request, JWT.adminToken(admin)).andExpect(request().asyncStarted()).andReturn();
      return mvc.perform(asyncDispatch(started))
          .andExpect(status().isOk())
          .andExpect(header().string("Content-Type", startsWith(contentType)))
          .andReturn()
          .getResponse()
          .getContentAsString();
    }
  }

  @Nested
  class Stats {

    @Test
    void shouldCountByDayAndTypeOnlyTheCallersOwnEventsForUsers() throws Exception {
      trail.append(
          List.of(
              AuditEventMother.entry(alice),
              AuditEventMother.entry(alice),
              AuditEventMother.entry(alice, alice, EventTypes.INTEGRATION_CREATED, "success"),
              AuditEventMother.entry(bob)));

      call(get("/api/audit/stats"), JWT.userToken(alice))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.total").value(3))
          .andExpect(
              jsonPath("$.counts[?(@.type == '" + EventTypes.INTEGRATION_UPDATED + "')].count")
                  .value(contains(2)));
      call(get("/api/audit/stats").param("owner", bob), JWT.adminToken(admin))
          .andExpect(jsonPath("$.total").value(1))
          .andExpect(jsonPath("$.counts[0].day").value(LocalDate.now(ZoneOffset.UTC).toString()));
    }
  }

  @Test
  void shouldLetOnlyAdminsVerify() throws Exception {
    call(get("/api/audit/verify"), JWT.userToken(alice)).andExpect(status().isForbidden());
    call(get("/api/audit/verify").param("from_seq", "0"), JWT.adminToken(admin))
        .andExpect(status().isBadRequest());
  }

  @Test
  void shouldRejectCallsWithoutAToken() throws Exception {
    mvc.perform(get("/api/audit/events")).andExpect(status().isUnauthorized());
  }

  private ResultActions call(MockHttpServletRequestBuilder request, String token) throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer " + token));
  }

  private static List<String> ids(MvcResult result) throws Exception {
    return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].event_id");
  }
}
