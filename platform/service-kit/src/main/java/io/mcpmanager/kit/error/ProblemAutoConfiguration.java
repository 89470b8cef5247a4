package io.mcpmanager.kit.error;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * RFC 9457 answers for a servlet service: the exception handler and the error controller. Ordered
 * before Boot's error handling, so its BasicErrorController backs off for {@link
 * ProblemErrorController}.
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemHandler.class, ProblemErrorController.class})
public class ProblemAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ProblemResponses problemResponses(ObjectProvider<Tracer> tracer) {
    return new ProblemResponses(tracer);
  }
}
