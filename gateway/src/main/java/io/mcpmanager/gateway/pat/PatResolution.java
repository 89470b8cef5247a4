package io.mcpmanager.gateway.pat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mcpmanager.gateway.request.ClientAddresses.Cidr;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What auth-server said about a token: inactive, or whose it is, where it may be used from and the
 * JWT to forward in its place.
 */
record PatResolution(
    boolean active,
    @Nullable String patId,
    @Nullable String accessToken,
    List<Cidr> allowedNetworks) {

  static final PatResolution INACTIVE = new PatResolution(false, null, null, List.of());

  /** From anywhere when no networks are set; otherwise only from inside one of them. */
  boolean allowsClient(@Nullable String address) {
    if (allowedNetworks.isEmpty()) {
      return true;
    }
    return address != null && allowedNetworks.stream().anyMatch(n -> n.containsAddress(address));
  }

  static PatResolution from(Answer answer) {
    if (!answer.active() || answer.patId() == null || answer.accessToken() == null) {
      return INACTIVE;
    }
    List<String> cidrs = answer.allowedCidrs() == null ? List.of() : answer.allowedCidrs();
    return new PatResolution(
        true, answer.patId(), answer.accessToken(), cidrs.stream().map(Cidr::parse).toList());
  }

  /** auth-server's {@code POST /internal/pats/resolve} answer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Answer(
      @JsonProperty("active") boolean active,
      @JsonProperty("pat_id") @Nullable String patId,
      @JsonProperty("access_token") @Nullable String accessToken,
      @JsonProperty("allowed_cidrs") @Nullable List<String> allowedCidrs) {}
}
