package io.mcpmanager.testsupport;

import io.mcpmanager.events.Topics;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole service on real infrastructure: PostgreSQL (own database), Kafka (KRaft, in-process),
 * OpenBao and a JWT issuer. Test classes with the same annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
@AutoConfigureMockMvc
@EmbeddedKafka(
    partitions = 3,
    topics = {
      Topics.AUTH_SERVER_EVENTS,
      Topics.INTEGRATION_SERVICE_EVENTS,
      Topics.GIT_CONNECTION_SERVICE_EVENTS,
      Topics.MCP_SERVER_SERVICE_EVENTS,
      Topics.DEAD_LETTERS
    },
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = RealInfrastructure.class)
public @interface ServiceTest {}
