package io.mcpmanager.auth.delegation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DelegationProperties.class)
class DelegationConfiguration {}
