package io.mcpmanager.auth.delegation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The delegation settings, {@code mcpm.auth.delegation.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DelegationProperties.class)
class DelegationConfiguration {}
