package io.mcpmanager.kit.error;

import io.micrometer.tracing.Tracer;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

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

  /**
   * Replaces the error report valves on Tomcat's host (Boot adds one that renders HTML) with {@link
   * ProblemErrorReportValve}; runs after Boot's own customizers, which add theirs.
   */
  @Bean
  @ConditionalOnClass(TomcatServletWebServerFactory.class)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return new ProblemErrorReports();
  }

  static final class ProblemErrorReports
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                  host.getPipeline().removeValve(valve);
                }
              }
              host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              host.getPipeline().addValve(new ProblemErrorReportValve());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  @Bean
  @ConditionalOnMissingBean
  ProblemResponses problemResponses(ObjectProvider<Tracer> tracer) {
    return new ProblemResponses(tracer);
  }
}
