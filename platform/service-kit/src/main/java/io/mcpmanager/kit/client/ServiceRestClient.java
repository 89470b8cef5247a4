package io.mcpmanager.kit.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Asks for the service-to-service {@code RestClient.Builder}: load-balanced through discovery (the
 * host is the callee's Eureka name, {@code http://integration-service}) and sending this service's
 * client-credentials token. A plain {@code RestClient.Builder} injection point never gets it, so
 * third-party calls carry no token.
 *
 * <pre>
 * RestClient integrations = builder.baseUrl("http://integration-service").build();
 * </pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ServiceRestClient {}
