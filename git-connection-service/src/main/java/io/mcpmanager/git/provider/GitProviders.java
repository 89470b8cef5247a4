package io.mcpmanager.git.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** All provider beans by id. */
@Component
public class GitProviders {

  private final Map<String, GitProvider> byId = new LinkedHashMap<>();

  public GitProviders(List<GitProvider> providers) {
    providers.forEach(p -> byId.put(p.id(), p));
  }

  /** A known provider; 404 for an unknown id. */
  public GitProvider get(String id) {
    GitProvider provider = byId.get(id);
    if (provider == null) {
      throw UnknownProviderException.of(id);
    }
    return provider;
  }

  public Collection<GitProvider> all() {
    return byId.values();
  }
}
